package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/** Creates honour Idempotency-Key: a retried create answers the first result and creates nothing more. */
@IntegrationTest
class IdempotencyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	IdempotencyKeys keys;

	@Autowired
	TenantTransactions tx;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	static String project(String slug) {
		return "{\"slug\": \"" + slug + "\", \"name\": \"Retried\"}";
	}

	static String slug() {
		return "p-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void aRetriedCreateWithTheSameKeyAnswersTheFirstResultInsteadOfCreatingAgain() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "create-" + UUID.randomUUID());
		var body = project(slug());
		var first = http.post("/api/v1/projects", body);
		var retry = http.post("/api/v1/projects", body);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		// Without the key the second create of this slug is a 409; with it, the first answer comes back.
		assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(retry.contentType()).startsWith("application/json");
	}

	@Test
	void aRetriedRunStartCreatesOneRun() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER)).with("Idempotency-Key", UUID.randomUUID().toString());
		var path = "/api/v1/projects/" + tenant.project().id() + "/runs";
		var first = http.post(path, "{\"name\": \"resnet\"}");
		var retry = http.post(path, "{\"name\": \"resnet\"}");
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
		var runs = new Http(port).bearer(tenant.key(Role.MEMBER))
			.post("/api/v1/projects/" + tenant.project().id() + "/runs/search", "{}");
		assertThat(runs.status()).as(runs.toString()).isEqualTo(200);
		assertThat(runs.json().path("runs").size()).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedWith422() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "k-" + UUID.randomUUID());
		assertThat(http.post("/api/v1/projects", project(slug())).status()).isEqualTo(201);
		var other = http.post("/api/v1/projects", project(slug()));
		assertThat(other.status()).as(other.toString()).isEqualTo(422);
		assertThat(other.contentType()).startsWith("application/problem+json");
		assertThat(other.json().path("detail").asString()).contains("Idempotency-Key").contains("different request");
	}

	@Test
	void anotherCallerReusingAKeyGetsNothingThatWasCreatedForTheFirst() {
		var tenant = tenants.create();
		var key = "shared-" + UUID.randomUUID();
		var body = "{\"name\": \"ci\", \"role\": \"MEMBER\"}";
		var owner = new Http(port).bearer(tenant.key(Role.OWNER)).with("Idempotency-Key", key);
		var admin = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", key);
		assertThat(owner.post("/api/v1/service-accounts", body).status()).isEqualTo(201);
		var replayedToAnother = admin.post("/api/v1/service-accounts", body);
		assertThat(replayedToAnother.status()).as(replayedToAnother.toString()).isEqualTo(422);
	}

	@Test
	void oneOrganisationsKeyNeverAnswersAnothersRequest() {
		var acme = tenants.create();
		var globex = tenants.create();
		var key = "same-key-" + UUID.randomUUID();
		var body = project(slug());
		var first = new Http(port).bearer(acme.key(Role.ADMIN)).with("Idempotency-Key", key).post("/api/v1/projects", body);
		var second = new Http(port).bearer(globex.key(Role.ADMIN)).with("Idempotency-Key", key)
			.post("/api/v1/projects", body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(second.header("Idempotent-Replayed")).isNull();
		assertThat(second.json().path("id").asString()).isNotEqualTo(first.json().path("id").asString());
	}

	@Test
	void aFailedFirstAttemptDoesNotPoisonTheKey() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "k-" + UUID.randomUUID());
		var failed = http.post("/api/v1/projects", project("Not A Slug!"));
		assertThat(failed.status()).as(failed.toString()).isEqualTo(400);
		var fixed = http.post("/api/v1/projects", project(slug()));
		assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
		assertThat(fixed.header("Idempotent-Replayed")).isNull();
	}

	@Test
	void concurrentDuplicatesCreateExactlyOnce() throws Exception {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "race-" + UUID.randomUUID());
		var body = project(slug());
		var attempts = new ArrayList<Callable<Http.Response>>();
		for (int i = 0; i < 8; i++) {
			attempts.add(() -> http.post("/api/v1/projects", body));
		}
		var ids = new HashSet<String>();
		int created = 0;
		try (var pool = Executors.newFixedThreadPool(8)) {
			for (var future : pool.invokeAll(attempts)) {
				var answer = future.get();
				assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
				if (answer.status() == 201) {
					created++;
					ids.add(answer.json().path("id").asString());
				}
				else {
					assertThat(answer.header("Retry-After")).isEqualTo("1");
				}
			}
		}
		assertThat(created).isPositive();
		assertThat(ids).hasSize(1);
	}

	@Test
	void aKeyExpiresAfterItsRetention() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "k-" + UUID.randomUUID());
		assertThat(http.post("/api/v1/projects", project(slug())).status()).isEqualTo(201);
		clock.advance(Duration.ofHours(25));
		var reused = http.post("/api/v1/projects", project(slug()));
		assertThat(reused.status()).as(reused.toString()).isEqualTo(201);
		assertThat(reused.header("Idempotent-Replayed")).isNull();
	}

	@Test
	void expiredKeysArePurged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "k-" + UUID.randomUUID());
		assertThat(http.post("/api/v1/projects", project(slug())).status()).isEqualTo(201);
		keys.purgeExpiredAcrossTenants();
		assertThat(keysOf(tenant)).as("a fresh key is kept").isEqualTo(1);
		clock.advance(Duration.ofHours(25));
		assertThat(keys.purgeExpiredAcrossTenants()).isPositive();
		assertThat(keysOf(tenant)).isZero();
	}

	long keysOf(TestTenants.Tenant tenant) {
		return tx.read(tenant.orgId(), () -> jdbc.sql("select count(*) from idempotency_keys where org_id = ?")
			.param(tenant.orgId().value())
			.query(Long.class)
			.single());
	}

	@Test
	void aMalformedKeyIsA400NamingTheHeader() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN)).with("Idempotency-Key", "x".repeat(256));
		var answer = http.post("/api/v1/projects", project(slug()));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().path("detail").asString()).contains("Idempotency-Key");
	}
}
