package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.tenancy.Role;

/** The organisation switcher's list: a person in several organisations sees each with their role there. */
@IntegrationTest
class MyOrganisationsTests {

	private static final String EMAIL = "outsider@example.test";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", RealServices.port("RUNLEDGER_KC_PORT", 8180));
	}

	/** Invites the person with a role and lets them join on first use, as a browser would. */
	private void join(TestTenants.Tenant org, Role role, String token) {
		var invited = new Http(port).bearer(org.key(Role.ADMIN))
			.post("/api/v1/invitations", "{\"email\":\"" + EMAIL + "\",\"role\":\"" + role + "\"}");
		assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
		var first = new Http(port).bearer(token).with("X-Runledger-Organization", org.slug()).get("/api/v1/organisation");
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
	}

	@Test
	void a_person_in_several_organisations_lists_each_with_their_role_without_choosing_one() {
		var token = KeycloakTokens.accessToken(EMAIL, "outsider-dev-password");
		var viewing = tenants.create();
		var working = tenants.create();
		var stranger = tenants.create();
		join(viewing, Role.VIEWER, token);
		join(working, Role.MEMBER, token);

		var mine = new Http(port).bearer(token).get("/api/v1/me/organisations");

		assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
		Map<String, String> roles = new HashMap<>();
		mine.json().get("items").forEach(item -> roles.put(item.get("slug").asString(), item.get("role").asString()));
		assertThat(roles).containsEntry(viewing.slug(), "VIEWER").containsEntry(working.slug(), "MEMBER");
		assertThat(roles).as("an organisation the person is not in").doesNotContainKey(stranger.slug());
		assertThat(mine.json().at("/items/0/name").asString()).isNotBlank();
	}

	@Test
	void an_api_key_belongs_to_one_organisation_so_it_is_pointed_to_the_organisation_endpoint() {
		var org = tenants.create();

		var answer = new Http(port).bearer(org.key(Role.OWNER)).get("/api/v1/me/organisations");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.json().get("detail").asString()).contains("single sign-on");
	}
}
