package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

@IntegrationTest
class AuthenticationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TenantTransactions tx;

	@Autowired
	JdbcClient jdbc;

	Http http;

	TestTenants.Tenant acme;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		acme = tenants.create();
	}

	@Test
	void an_api_key_is_accepted_as_bearer_token() {
		var response = http.bearer(acme.key(Role.VIEWER)).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("slug").asString()).isEqualTo(acme.slug());
		assertThat(response.json().at("/caller/role").asString()).isEqualTo("VIEWER");
	}

	@Test
	void an_api_key_is_accepted_as_basic_password_with_any_username() {
		var basic = Base64.getEncoder()
			.encodeToString(("mlflow-user:" + acme.key(Role.MEMBER)).getBytes(StandardCharsets.UTF_8));

		var response = http.with("Authorization", "Basic " + basic).get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/caller/role").asString()).isEqualTo("MEMBER");
	}

	@Test
	void a_request_with_two_credentials_is_rejected_with_400_even_when_both_are_valid() {
		var response = http.bearer(acme.key(Role.VIEWER)).with("X-Api-Key", acme.key(Role.OWNER))
			.get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("2 credentials");
	}

	@Test
	void two_authorization_headers_are_rejected_with_400() {
		var basic = Base64.getEncoder().encodeToString(("u:" + acme.key(Role.OWNER)).getBytes(StandardCharsets.UTF_8));

		var response = http.bearer(acme.key(Role.VIEWER)).with("Authorization", "Basic " + basic)
			.get("/api/v1/organisation");

		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void a_request_without_credentials_gets_401_problem() {
		var response = http.get("/api/v1/projects");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.json().get("detail").asString()).contains("authentication required");
	}

	@Test
	void an_unknown_key_gets_401() {
		var response = http.bearer("rl_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/api/v1/projects");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("detail").asString()).contains("unknown, expired or revoked");
	}

	@Test
	void a_revoked_key_stops_working_immediately() {
		var admin = http.bearer(acme.key(Role.ADMIN));
		var issued = admin.post("/api/v1/api-keys", "{\"name\":\"ci\",\"role\":\"MEMBER\"}");
		var secret = issued.json().get("secret").asString();
		assertThat(http.bearer(secret).get("/api/v1/projects").status()).isEqualTo(200);

		var revoked = admin.delete("/api/v1/api-keys/" + issued.json().at("/key/id").asString());

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
		assertThat(http.bearer(secret).get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void an_expired_key_is_refused() {
		var admin = http.bearer(acme.key(Role.ADMIN));
		var issued = admin.post("/api/v1/api-keys",
				"{\"name\":\"short\",\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
		var secret = issued.json().get("secret").asString();
		assertThat(http.bearer(secret).get("/api/v1/projects").status()).isEqualTo(200);

		tx.writeVoid(acme.orgId(), () -> jdbc.sql("update api_keys set expires_at = now() - interval '1 second' "
				+ "where key_id = ?::uuid").param(issued.json().at("/key/id").asString()).update());

		assertThat(http.bearer(secret).get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void the_key_secret_is_shown_once_and_only_its_hash_is_stored() {
		var issued = http.bearer(acme.key(Role.ADMIN)).post("/api/v1/api-keys", "{\"name\":\"once\"}");
		var secret = issued.json().get("secret").asString();
		var listed = http.bearer(acme.key(Role.ADMIN)).get("/api/v1/api-keys?limit=1000");

		assertThat(secret).matches("rl_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
		assertThat(listed.body()).doesNotContain(secret).contains(secret.substring(0, 15));
		var storedAsText = tx.read(acme.orgId(), () -> jdbc.sql("select count(*) from api_keys where "
				+ "position(convert_to(?, 'UTF8') in key_hash) > 0 or prefix = ?").params(secret, secret)
			.query(Long.class).single());
		assertThat(storedAsText).isZero();
	}

	@Test
	void removing_a_member_revokes_their_keys_in_the_same_step() {
		var memberKey = acme.key(Role.MEMBER);
		assertThat(http.bearer(memberKey).get("/api/v1/projects").status()).isEqualTo(200);

		var removed = http.bearer(acme.key(Role.ADMIN)).delete("/api/v1/members/" + acme.people().get(Role.MEMBER));

		assertThat(removed.status()).isEqualTo(204);
		assertThat(http.bearer(memberKey).get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void a_demoted_members_keys_are_capped_at_the_new_role() {
		var adminKey = acme.key(Role.ADMIN);
		http.bearer(acme.key(Role.OWNER))
			.patch("/api/v1/members/" + acme.people().get(Role.ADMIN), "{\"role\":\"VIEWER\"}");

		var me = http.bearer(adminKey).get("/api/v1/organisation");
		var write = http.bearer(adminKey).post("/api/v1/projects", "{\"slug\":\"nope\"}");

		assertThat(me.json().at("/caller/role").asString()).isEqualTo("VIEWER");
		assertThat(write.status()).isEqualTo(403);
	}

	@Test
	void key_creation_and_revocation_are_written_to_the_audit_log() {
		var admin = http.bearer(acme.key(Role.ADMIN));
		var issued = admin.post("/api/v1/api-keys", "{\"name\":\"audited\",\"role\":\"VIEWER\"}");
		var keyId = issued.json().at("/key/id").asString();
		admin.delete("/api/v1/api-keys/" + keyId);

		var log = admin.get("/api/v1/audit-log").json().get("items");

		assertThat(log.valueStream().filter(e -> keyId.equals(e.get("targetId").asString()))
			.map(e -> e.get("action").asString())).containsExactly("api_key.revoked", "api_key.created");
	}
}
