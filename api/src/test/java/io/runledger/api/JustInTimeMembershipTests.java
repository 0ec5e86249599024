package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.auth.IdentityProvisioning;
import io.runledger.tenancy.Role;

/**
 * A colleague whose email domain the organisation routed to its identity provider signs in for the first time and
 * lands in the organisation with the default role, without anyone adding them. (Keycloak makes a person who logged
 * in through an organization's IdP a member of that organization; here the test does that step with the admin API,
 * since no external corporate IdP exists on this machine.)
 */
@IntegrationTest
class JustInTimeMembershipTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	IdentityProvisioning provisioning;

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", RealServices.port("RUNLEDGER_KC_PORT", 8180));
	}

	@Test
	void a_person_of_a_routed_domain_joins_with_the_default_role_on_first_sign_in() {
		var org = tenants.create();
		var domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		var email = "colleague@" + domain;
		var admin = new Http(port).bearer(org.key(Role.ADMIN));
		var linked = admin.post("/api/v1/organisation/identity-providers", """
				{"alias": "corp", "authorizationUrl": "https://idp.example/authorize", "tokenUrl": "https://idp.example/token",
				 "clientId": "runledger", "clientSecret": "s3cret", "domains": ["%s"], "defaultRole": "VIEWER"}"""
			.formatted(domain));
		assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
		var keycloakOrg = admin.post("/api/v1/organisation/sso/sync", "{}").json().get("keycloakOrganizationId").asString();
		createKeycloakUser(email, "colleague-password");
		assertThat(provisioning.addMember(keycloakOrg, email)).isTrue();
		var token = KeycloakTokens.passwordGrant("runledger-cli", email, "colleague-password", "openid organization")
			.get("access_token").asString();

		var me = new Http(port).bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");
		var write = new Http(port).bearer(token).with("X-Runledger-Organization", org.slug())
			.post("/api/v1/projects", "{\"slug\":\"jit\"}");

		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().at("/caller/role").asString()).isEqualTo("VIEWER");
		assertThat(write.status()).isEqualTo(403);
	}

	@Test
	void a_verified_email_of_the_domain_alone_does_not_let_anyone_join() {
		var org = tenants.create();
		var domain = "jit-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		var email = "stranger@" + domain;
		var admin = new Http(port).bearer(org.key(Role.ADMIN));
		admin.post("/api/v1/organisation/identity-providers", """
				{"alias": "corp", "authorizationUrl": "https://idp.example/authorize", "tokenUrl": "https://idp.example/token",
				 "clientId": "runledger", "clientSecret": "s3cret", "domains": ["%s"]}""".formatted(domain));
		createKeycloakUser(email, "stranger-password");
		var token = KeycloakTokens.passwordGrant("runledger-cli", email, "stranger-password", "openid organization")
			.get("access_token").asString();

		var me = new Http(port).bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");

		assertThat(me.status()).isEqualTo(401);
	}

	private static void createKeycloakUser(String email, String password) {
		try (var keycloak = KeycloakBuilder.builder()
			.serverUrl("http://127.0.0.1:" + RealServices.port("RUNLEDGER_KC_PORT", 8180))
			.realm("runledger")
			.grantType(OAuth2Constants.CLIENT_CREDENTIALS)
			.clientId("runledger-provisioner")
			.clientSecret("runledger-provisioner-dev-secret")
			.build()) {
			var user = new UserRepresentation();
			user.setUsername(email);
			user.setEmail(email);
			user.setEmailVerified(true);
			user.setEnabled(true);
			user.setFirstName("Jit");
			user.setLastName("Test");
			var credential = new CredentialRepresentation();
			credential.setType(CredentialRepresentation.PASSWORD);
			credential.setValue(password);
			credential.setTemporary(false);
			user.setCredentials(List.of(credential));
			try (var response = keycloak.realm("runledger").users().create(user)) {
				assertThat(response.getStatus()).isEqualTo(201);
			}
		}
	}
}
