package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.api.http.ShareLinkAccess;
import io.runledger.api.http.VerifiedBySignature;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Role;

/** Role checks on every endpoint, and tenant isolation as seen from HTTP: other tenants' ids are simply not there. */
@IntegrationTest
class AccessControlTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	Http http;

	TestTenants.Tenant acme;

	TestTenants.Tenant globex;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		acme = tenants.create();
		globex = tenants.create();
	}

	@Test
	void every_endpoint_of_our_api_declares_the_permission_it_needs() {
		var undeclared = new ArrayList<String>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			if (method.getBeanType().getPackageName().startsWith("io.runledger.api")
					&& !method.hasMethodAnnotation(Requires.class)
					&& !method.hasMethodAnnotation(io.runledger.auth.SignedInPerson.class)
					&& !method.hasMethodAnnotation(VerifiedBySignature.class)
					&& !isShareLinkRead(info, method)) {
				undeclared.add(info + " -> " + method);
			}
		});

		assertThat(undeclared).isEmpty();
	}

	/**
	 * One documented exception to "every endpoint declares a permission": Stripe's webhook, which signs its payload
	 * instead of presenting a credential. It must stay exactly one POST route on exactly one path.
	 */
	@Test
	void the_only_signature_verified_endpoint_is_the_stripe_webhook() {
		var unauthenticated = new ArrayList<String>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			if (method.hasMethodAnnotation(VerifiedBySignature.class)) {
				unauthenticated.add(info.getMethodsCondition().getMethods() + " " + info.getPatternValues());
			}
		});

		assertThat(unauthenticated).containsExactly("[POST] [" + VerifiedBySignature.STRIPE_WEBHOOK + "]");
		var forged = http.post(VerifiedBySignature.STRIPE_WEBHOOK, "{\"id\":\"evt_forged\"}");
		assertThat(forged.status()).isEqualTo(400);
		assertThat(http.get(VerifiedBySignature.STRIPE_WEBHOOK).status()).isIn(401, 405);
		assertThat(http.post(VerifiedBySignature.STRIPE_WEBHOOK + "/other", "{}").status()).isIn(401, 403);
	}

	/**
	 * The one documented exception to @Requires: anonymous share-link reads. They must be GETs under the public
	 * prefix, and the prefix must hold nothing else, so the exception cannot widen by accident.
	 */
	@Test
	void the_anonymous_share_link_prefix_holds_only_share_link_reads() {
		var misplaced = new ArrayList<String>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			boolean underPrefix = info.getPatternValues().stream().anyMatch(p -> p.startsWith(ShareLinkAccess.PREFIX));
			boolean annotated = method.hasMethodAnnotation(ShareLinkAccess.class);
			if ((underPrefix || annotated) && !isShareLinkRead(info, method)) {
				misplaced.add(info + " -> " + method);
			}
		});

		assertThat(misplaced).isEmpty();
	}

	private static boolean isShareLinkRead(RequestMappingInfo info, HandlerMethod method) {
		return method.hasMethodAnnotation(ShareLinkAccess.class) && !method.hasMethodAnnotation(Requires.class)
				&& info.getPatternValues().stream().allMatch(p -> p.startsWith(ShareLinkAccess.PREFIX))
				&& info.getMethodsCondition().getMethods().equals(java.util.Set.of(RequestMethod.GET));
	}

	@Test
	void without_a_credential_only_share_link_reads_answer_and_an_unknown_token_is_404() {
		var anonymous = new Http(port);
		var unknown = anonymous.get(ShareLinkAccess.REPORTS + "rls_" + "A".repeat(32));

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(anonymous.get(ShareLinkAccess.REPORTS + "not-a-token/data").status()).isEqualTo(404);
		assertThat(anonymous.get("/api/v1/projects").status()).isEqualTo(401);
		assertThat(anonymous.get(ShareLinkAccess.PREFIX + "../projects").status()).isIn(400, 401, 404);
	}

	@Test
	void a_viewer_lists_its_own_projects_but_not_another_tenants() {
		var response = http.bearer(acme.key(Role.VIEWER)).get("/api/v1/projects");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("items").valueStream().map(p -> p.get("id").asString()))
			.containsExactly(acme.project().id().toString());
	}

	@Test
	void another_tenants_project_id_answers_404_for_reads_and_writes_at_every_role() {
		var path = "/api/v1/projects/" + globex.project().id();
		var owner = http.bearer(acme.key(Role.OWNER));

		assertThat(http.bearer(acme.key(Role.VIEWER)).get(path).status()).isEqualTo(404);
		assertThat(owner.get(path).status()).isEqualTo(404);
		assertThat(owner.patch(path, "{\"name\":\"mine now\"}").status()).isEqualTo(404);
		assertThat(owner.delete(path).status()).isEqualTo(404);
		assertThat(http.bearer(globex.key(Role.VIEWER)).get(path).json().get("name").asString())
			.isNotEqualTo("mine now");
	}

	@Test
	void the_404_for_another_tenants_id_is_identical_to_the_404_for_an_id_that_never_existed() {
		var owner = http.bearer(acme.key(Role.OWNER));
		var foreign = owner.get("/api/v1/projects/" + globex.project().id());
		var missing = owner.get("/api/v1/projects/" + java.util.UUID.randomUUID());

		assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
		assertThat(foreign.json().get("title")).isEqualTo(missing.json().get("title"));
	}

	@Test
	void another_tenants_member_and_key_ids_answer_404() {
		var admin = http.bearer(acme.key(Role.ADMIN));

		assertThat(admin.get("/api/v1/members/" + globex.people().get(Role.MEMBER)).status()).isEqualTo(404);
		assertThat(admin.delete("/api/v1/members/" + globex.people().get(Role.MEMBER)).status()).isEqualTo(404);
		assertThat(http.bearer(globex.key(Role.MEMBER)).get("/api/v1/projects").status()).isEqualTo(200);
	}

	@Test
	void a_viewer_cannot_write() {
		var viewer = http.bearer(acme.key(Role.VIEWER));

		var create = viewer.post("/api/v1/projects", "{\"slug\":\"viewer-made\"}");
		var rename = viewer.patch("/api/v1/projects/" + acme.project().id(), "{\"name\":\"x\"}");

		assertThat(create.status()).isEqualTo(403);
		assertThat(create.contentType()).startsWith("application/problem+json");
		assertThat(create.json().get("detail").asString()).contains("needs role MEMBER").contains("VIEWER");
		assertThat(rename.status()).isEqualTo(403);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void creating_a_project_needs_member_or_higher(Role role) {
		var response = http.bearer(acme.key(role)).post("/api/v1/projects",
				"{\"slug\":\"made-by-" + role.name().toLowerCase() + "\"}");

		assertThat(response.status()).isEqualTo(role.includes(Role.MEMBER) ? 201 : 403);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void managing_api_keys_needs_admin_or_higher(Role role) {
		var response = http.bearer(acme.key(role)).get("/api/v1/api-keys");

		assertThat(response.status()).isEqualTo(role.includes(Role.ADMIN) ? 200 : 403);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void deleting_a_project_needs_owner(Role role) {
		var response = http.bearer(acme.key(role)).delete("/api/v1/projects/" + acme.project().id());

		assertThat(response.status()).isEqualTo(role == Role.OWNER ? 204 : 403);
	}

	@Test
	void an_admin_cannot_make_anyone_owner_nor_issue_keys_above_its_own_role() {
		var admin = http.bearer(acme.key(Role.ADMIN));

		var promote = admin.patch("/api/v1/members/" + acme.people().get(Role.MEMBER), "{\"role\":\"OWNER\"}");
		var ownerKey = admin.post("/api/v1/api-keys", "{\"name\":\"too strong\",\"role\":\"OWNER\"}");

		assertThat(promote.status()).isEqualTo(403);
		assertThat(ownerKey.status()).isEqualTo(403);
	}

	@Test
	void the_last_owner_cannot_be_demoted() {
		var response = http.bearer(acme.key(Role.OWNER))
			.patch("/api/v1/members/" + acme.people().get(Role.OWNER), "{\"role\":\"ADMIN\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("detail").asString()).contains("at least one OWNER");
	}

	@Test
	void deleting_a_service_account_revokes_its_keys_at_once() {
		var admin = http.bearer(acme.key(Role.ADMIN));
		var account = admin.post("/api/v1/service-accounts", "{\"name\":\"ci\",\"role\":\"MEMBER\"}").json();
		var key = admin.post("/api/v1/api-keys", "{\"name\":\"ci\",\"holder\":{\"kind\":\"SERVICE_ACCOUNT\",\"id\":\""
				+ account.get("id").asString() + "\"},\"role\":\"MEMBER\"}").json().get("secret").asString();
		assertThat(http.bearer(key).get("/api/v1/projects").status()).isEqualTo(200);

		assertThat(admin.delete("/api/v1/service-accounts/" + account.get("id").asString()).status()).isEqualTo(204);

		assertThat(http.bearer(key).get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void a_service_account_key_acts_with_the_service_accounts_role() {
		var admin = http.bearer(acme.key(Role.ADMIN));
		var account = admin.post("/api/v1/service-accounts", "{\"name\":\"trainer\",\"role\":\"MEMBER\"}");
		var key = admin.post("/api/v1/api-keys", "{\"name\":\"cluster\",\"role\":\"MEMBER\",\"holder\":"
				+ "{\"kind\":\"SERVICE_ACCOUNT\",\"id\":\"" + account.json().get("id").asString() + "\"}}");

		var me = http.bearer(key.json().get("secret").asString()).get("/api/v1/organisation");

		assertThat(account.status()).isEqualTo(201);
		assertThat(me.json().at("/caller/kind").asString()).isEqualTo("SERVICE_ACCOUNT");
		assertThat(me.json().at("/caller/role").asString()).isEqualTo("MEMBER");
	}
}
