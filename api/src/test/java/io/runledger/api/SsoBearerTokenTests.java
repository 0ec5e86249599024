package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.UserId;

/**
 * Keycloak access tokens as API credentials, against the real Keycloak: the token says who the person is, our
 * database what they may do where.
 */
@IntegrationTest
class SsoBearerTokenTests {

	static final String ALICE = "alice@acme.test";

	static final String ALICE_PASSWORD = "alice-dev-password";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Members members;

	TestTenants.Tenant org;

	Http http;

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", RealServices.port("RUNLEDGER_KC_PORT", 8180));
	}

	@BeforeEach
	void setUp() {
		org = tenants.create();
		http = new Http(port);
	}

	private UserId addAlice(TestTenants.Tenant tenant, Role role) {
		var alice = new NewMember(UserId.random(), ALICE, "Alice");
		members.add(tenant.orgId(), alice, role, Actor.system(), Role.OWNER);
		return alice.userId();
	}

	@Test
	void a_members_access_token_calls_the_api_with_the_members_role_in_the_chosen_organisation() {
		addAlice(org, Role.MEMBER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);

		var me = http.bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");
		var write = http.bearer(token).with("X-Runledger-Organization", org.slug())
			.post("/api/v1/projects", "{\"slug\":\"sso-made\"}");

		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("slug").asString()).isEqualTo(org.slug());
		assertThat(me.json().at("/caller/role").asString()).isEqualTo("MEMBER");
		assertThat(write.status()).isEqualTo(201);
	}

	@Test
	void a_viewers_token_reads_but_cannot_write() {
		addAlice(org, Role.VIEWER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);
		var alice = http.bearer(token).with("X-Runledger-Organization", org.slug());

		assertThat(alice.get("/api/v1/projects").status()).isEqualTo(200);
		assertThat(alice.post("/api/v1/projects", "{\"slug\":\"nope\"}").status()).isEqualTo(403);
	}

	@Test
	void a_token_for_an_organisation_the_person_is_not_a_member_of_is_refused() {
		var token = KeycloakTokens.accessToken("outsider@example.test", "outsider-dev-password");

		var response = http.bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("detail").asString()).contains("not a member");
	}

	@Test
	void a_removed_members_unexpired_token_stops_working() {
		var alice = addAlice(org, Role.MEMBER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);
		var client = http.bearer(token).with("X-Runledger-Organization", org.slug());
		assertThat(client.get("/api/v1/projects").status()).isEqualTo(200);

		members.remove(org.orgId(), alice, Actor.system(), Role.OWNER);

		assertThat(client.get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void an_id_token_used_as_bearer_is_refused() {
		addAlice(org, Role.OWNER);
		var idToken = KeycloakTokens.passwordGrant("runledger-cli", ALICE, ALICE_PASSWORD).get("id_token").asString();

		var response = http.bearer(idToken).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void a_token_without_the_api_audience_is_refused() {
		addAlice(org, Role.OWNER);
		var token = KeycloakTokens.passwordGrant("runledger-cli-no-audience", ALICE, ALICE_PASSWORD)
			.get("access_token").asString();

		var response = http.bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("detail").asString()).contains("aud");
	}

	@Test
	void a_tampered_token_is_refused() {
		addAlice(org, Role.OWNER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);
		var parts = token.split("\\.");
		var payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
			.replace(ALICE, "mallory@acme.test");
		var forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(payload.getBytes()) + "." + parts[2];

		var response = http.bearer(forged).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void a_token_plus_an_api_key_is_two_credentials_and_a_400() {
		addAlice(org, Role.OWNER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);

		var response = http.bearer(token).with("X-Api-Key", org.key(Role.VIEWER)).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void a_person_in_several_organisations_must_choose_one() {
		var other = tenants.create();
		addAlice(org, Role.MEMBER);
		addAlice(other, Role.VIEWER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);

		var ambiguous = http.bearer(token).get("/api/v1/organisation");
		var chosen = http.bearer(token).with("X-Runledger-Organization", other.slug()).get("/api/v1/organisation");

		assertThat(ambiguous.status()).isEqualTo(400);
		assertThat(ambiguous.json().get("detail").asString()).contains("X-Runledger-Organization");
		assertThat(chosen.json().at("/caller/role").asString()).isEqualTo("VIEWER");
	}

	@Test
	void a_token_for_an_unknown_organisation_slug_is_refused_like_a_non_membership() {
		addAlice(org, Role.MEMBER);
		var token = KeycloakTokens.accessToken(ALICE, ALICE_PASSWORD);

		var response = http.bearer(token).with("X-Runledger-Organization", "no-such-org-" + UUID.randomUUID()
			.toString().substring(0, 8)).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(401);
	}
}
