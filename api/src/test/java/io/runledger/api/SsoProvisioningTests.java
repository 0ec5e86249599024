package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.auth.IdentityProvisioning;
import io.runledger.tenancy.Role;

/** Sign-up, Keycloak Organizations, bring-your-own IdP and invitations, against the real Keycloak. */
@IntegrationTest
class SsoProvisioningTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	IdentityProvisioning keycloak;

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", RealServices.port("RUNLEDGER_KC_PORT", 8180));
	}

	static String slug() {
		return "su-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void signing_up_creates_the_organisation_with_the_person_as_owner_and_its_keycloak_organization() {
		var token = KeycloakTokens.accessToken("outsider@example.test", "outsider-dev-password");
		var slug = slug();

		var signedUp = new Http(port).bearer(token).post("/api/v1/signup", "{\"slug\":\"" + slug + "\",\"name\":\"Outsiders\"}");

		assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
		assertThat(signedUp.json().get("ssoProvisioned").asBoolean()).isTrue();
		var keycloakOrg = signedUp.json().get("keycloakOrganizationId").asString();
		assertThat(keycloak.isMember(keycloakOrg, "outsider@example.test")).isTrue();
		var me = new Http(port).bearer(token).with("X-Runledger-Organization", slug).get("/api/v1/organisation");
		assertThat(me.json().at("/caller/role").asString()).isEqualTo("OWNER");
	}

	@Test
	void provisioning_again_finds_the_same_keycloak_organization_instead_of_creating_another() {
		var token = KeycloakTokens.accessToken("outsider@example.test", "outsider-dev-password");
		var slug = slug();
		var first = new Http(port).bearer(token).post("/api/v1/signup", "{\"slug\":\"" + slug + "\"}").json();

		var again = new Http(port).bearer(token).with("X-Runledger-Organization", slug)
			.post("/api/v1/organisation/sso/sync", "{}");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("keycloakOrganizationId").asString())
			.isEqualTo(first.get("keycloakOrganizationId").asString());
	}

	@Test
	void a_taken_slug_cannot_be_signed_up_twice() {
		var token = KeycloakTokens.accessToken("outsider@example.test", "outsider-dev-password");
		var slug = slug();
		new Http(port).bearer(token).post("/api/v1/signup", "{\"slug\":\"" + slug + "\"}");

		var again = new Http(port).bearer(token).post("/api/v1/signup", "{\"slug\":\"" + slug + "\"}");

		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void an_api_key_cannot_sign_up_an_organisation() {
		var org = tenants.create();

		var response = new Http(port).bearer(org.key(Role.OWNER)).post("/api/v1/signup", "{\"slug\":\"" + slug() + "\"}");

		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void an_admin_links_a_corporate_oidc_provider_for_an_email_domain() {
		var org = tenants.create();
		var admin = new Http(port).bearer(org.key(Role.ADMIN));

		// Keycloak routes each email domain to one organization only, so every run uses a domain of its own.
		var domain = org.slug() + ".corp.example";
		var linked = admin.post("/api/v1/organisation/identity-providers", """
				{"alias": "corp", "issuer": "https://login.corp.example", "authorizationUrl":
				 "https://login.corp.example/authorize", "tokenUrl": "https://login.corp.example/token",
				 "clientId": "runledger", "clientSecret": "s3cret", "domains": ["%s"], "defaultRole": "VIEWER"}"""
			.formatted(domain));

		assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
		var keycloakAlias = linked.json().get("keycloakAlias").asString();
		assertThat(keycloakAlias).isEqualTo(org.slug() + "-corp");
		var keycloakOrg = admin.post("/api/v1/organisation/sso/sync", "{}").json().get("keycloakOrganizationId").asString();
		assertThat(keycloak.linkedProviders(keycloakOrg)).contains(keycloakAlias);
		var listed = admin.get("/api/v1/organisation/identity-providers").json().get("items");
		assertThat(listed.get(0).get("domains").get(0).asString()).isEqualTo(domain);
		assertThat(listed.get(0).get("defaultRole").asString()).isEqualTo("VIEWER");
	}

	@Test
	void an_admin_links_a_corporate_saml_provider_too() {
		var org = tenants.create();
		var admin = new Http(port).bearer(org.key(Role.ADMIN));
		var domain = org.slug() + ".saml.example";

		var linked = admin.post("/api/v1/organisation/identity-providers", """
				{"kind": "SAML", "alias": "adfs", "singleSignOnServiceUrl": "https://adfs.example/adfs/ls/",
				 "idpEntityId": "http://adfs.example/adfs/services/trust", "domains": ["%s"], "defaultRole": "MEMBER"}"""
			.formatted(domain));

		assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
		assertThat(linked.json().get("kind").asString()).isEqualTo("SAML");
		var keycloakOrg = admin.post("/api/v1/organisation/sso/sync", "{}").json().get("keycloakOrganizationId").asString();
		assertThat(keycloak.linkedProviders(keycloakOrg)).contains(org.slug() + "-adfs");
		var badKind = admin.post("/api/v1/organisation/identity-providers", "{\"kind\":\"LDAP\",\"alias\":\"x\"}");
		assertThat(badKind.status()).isEqualTo(400);
	}

	@Test
	void a_domain_another_organisation_already_routes_is_refused_as_a_conflict() {
		var first = tenants.create();
		var second = tenants.create();
		var domain = first.slug() + ".shared.example";
		var body = """
				{"alias": "corp", "authorizationUrl": "https://idp.example/authorize", "tokenUrl": "https://idp.example/token",
				 "clientId": "runledger", "clientSecret": "s3cret", "domains": ["%s"]}""".formatted(domain);
		assertThat(new Http(port).bearer(first.key(Role.ADMIN)).post("/api/v1/organisation/identity-providers", body)
			.status()).isEqualTo(201);

		var taken = new Http(port).bearer(second.key(Role.ADMIN)).post("/api/v1/organisation/identity-providers", body);

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("detail").asString()).contains("domain");
	}

	@Test
	void identity_provider_input_is_validated_and_members_cannot_manage_it() {
		var org = tenants.create();

		var badDomain = new Http(port).bearer(org.key(Role.ADMIN)).post("/api/v1/organisation/identity-providers",
				"{\"alias\":\"x\",\"authorizationUrl\":\"https://a/b\",\"tokenUrl\":\"https://a/t\",\"clientId\":\"c\","
						+ "\"clientSecret\":\"s\",\"domains\":[\"not a domain\"]}");
		var badUrl = new Http(port).bearer(org.key(Role.ADMIN)).post("/api/v1/organisation/identity-providers",
				"{\"alias\":\"x\",\"authorizationUrl\":\"file:///etc/passwd\",\"tokenUrl\":\"https://a/t\","
						+ "\"clientId\":\"c\",\"clientSecret\":\"s\",\"domains\":[\"a.example\"]}");
		var member = new Http(port).bearer(org.key(Role.MEMBER)).get("/api/v1/organisation/identity-providers");

		assertThat(badDomain.status()).isEqualTo(400);
		assertThat(badUrl.status()).isEqualTo(400);
		assertThat(member.status()).isEqualTo(403);
	}

	@Test
	void an_invited_person_joins_with_the_invited_role_on_first_sign_in() {
		var org = tenants.create();
		var invited = new Http(port).bearer(org.key(Role.ADMIN))
			.post("/api/v1/invitations", "{\"email\":\"gary@globex.test\",\"role\":\"VIEWER\"}");
		var token = KeycloakTokens.accessToken("gary@globex.test", "gary-dev-password");

		var first = new Http(port).bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");
		var open = new Http(port).bearer(org.key(Role.ADMIN)).get("/api/v1/invitations").json().get("items");

		assertThat(invited.status()).isEqualTo(201);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().at("/caller/role").asString()).isEqualTo("VIEWER");
		assertThat(open.size()).isZero();
	}

	@Test
	void an_admin_cannot_invite_an_owner() {
		var org = tenants.create();

		var response = new Http(port).bearer(org.key(Role.ADMIN))
			.post("/api/v1/invitations", "{\"email\":\"someone@example.test\",\"role\":\"OWNER\"}");

		assertThat(response.status()).isEqualTo(403);
	}
}
