package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity provider the SSO issue builds on: the Keycloak that the repository's scripts start, with the realm
 * imported from {@code infra/local/keycloak/runledger-realm.json}.
 */
class KeycloakServiceTests {

	static final int PORT = RealServices.port("RUNLEDGER_KC_PORT", 8180);

	static final int MANAGEMENT_PORT = RealServices.port("RUNLEDGER_KC_MGMT_PORT", 9180);

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", PORT);
	}

	@Test
	void keycloak_reports_ready() {
		var health = new Http(MANAGEMENT_PORT).get("/health/ready");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void the_runledger_realm_is_imported_and_publishes_its_openid_configuration() {
		var configuration = new Http(PORT).get("/realms/runledger/.well-known/openid-configuration");

		assertThat(configuration.status()).isEqualTo(200);
		assertThat(configuration.json().get("issuer").asString()).endsWith("/realms/runledger");
		assertThat(configuration.json().get("jwks_uri").asString()).contains("/realms/runledger/");
	}
}
