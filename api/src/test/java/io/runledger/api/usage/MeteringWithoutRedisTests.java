package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/** With Redis unreachable, ingestion goes on, every point is counted, and hard caps are enforced from PostgreSQL. */
@IntegrationTest
@TestPropertySource(properties = { "spring.data.redis.port=1", "runledger.metering.guard-refresh=0s" })
class MeteringWithoutRedisTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void ingestion_continues_counts_are_exact_and_the_hard_cap_falls_back_to_postgresql() {
		var acme = tenants.create();
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
		var budget = admin.post("/api/v1/budgets",
				"{\"name\":\"cap\",\"meter\":\"DATA_POINTS\",\"limit\":300,\"hardCap\":true}");
		assertThat(budget.status()).as(budget.toString()).isEqualTo(201);

		for (int i = 0; i < 3; i++) {
			var response = member.post("/api/v1/runs/" + run + "/metrics",
					UsageMeteringTests.batch("b" + i, i * 100, 100));
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
		}
		var refused = member.post("/api/v1/runs/" + run + "/metrics", UsageMeteringTests.batch("b3", 300, 1));
		assertThat(refused.status()).isEqualTo(429);

		var now = Instant.now();
		var usage = admin.get("/api/v1/usage?meter=DATA_POINTS&granularity=DAY&from="
				+ now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(1, ChronoUnit.DAYS)).json();
		assertThat(usage.get("total").decimalValue()).isEqualByComparingTo("300");
	}
}
