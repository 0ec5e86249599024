package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.runledger.tenancy.Role;

@IntegrationTest
@TestPropertySource(properties = { "runledger.rate-limits.plans.default.per-key.capacity=3",
		"runledger.rate-limits.plans.default.per-key.refill-per-second=0.01",
		"runledger.rate-limits.plans.default.per-organisation.capacity=5",
		"runledger.rate-limits.plans.default.per-organisation.refill-per-second=0.01" })
class RateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void a_key_over_its_limit_gets_429_with_retry_after_and_rate_limit_headers() {
		var acme = tenants.create();
		var viewer = new Http(port).bearer(acme.key(Role.VIEWER));

		var first = viewer.get("/api/v1/projects");
		viewer.get("/api/v1/projects");
		viewer.get("/api/v1/projects");
		var fourth = viewer.get("/api/v1/projects");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
		assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
		assertThat(fourth.status()).isEqualTo(429);
		assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
		assertThat(fourth.contentType()).startsWith("application/problem+json");
		assertThat(fourth.json().get("detail").asString()).contains("rate limit exceeded");
	}

	@Test
	void one_noisy_tenant_does_not_use_up_another_tenants_budget() {
		var noisy = tenants.create();
		var quiet = tenants.create();
		for (var role : Role.values()) {
			for (int i = 0; i < 3; i++) {
				new Http(port).bearer(noisy.key(role)).get("/api/v1/projects");
			}
		}

		var noisyAgain = new Http(port).bearer(noisy.key(Role.OWNER)).get("/api/v1/projects");
		var quietFirst = new Http(port).bearer(quiet.key(Role.VIEWER)).get("/api/v1/projects");

		assertThat(noisyAgain.status()).isEqualTo(429);
		assertThat(quietFirst.status()).isEqualTo(200);
	}
}
