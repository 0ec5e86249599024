package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import io.runledger.tenancy.Role;

@IntegrationTest
@TestPropertySource(properties = "runledger.rate-limits.failed-authentications-per-minute=3")
class FailedAuthenticationLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	@AfterEach
	void forgetEarlierFailuresFromThisAddress() {
		redis.delete("rl:authfail:127.0.0.1");
	}

	@Test
	void after_too_many_failed_authentications_an_address_is_refused_even_with_a_valid_key() {
		var acme = tenants.create();
		var guesser = new Http(port).bearer("rl_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		for (int i = 0; i < 3; i++) {
			assertThat(guesser.get("/api/v1/projects").status()).isEqualTo(401);
		}

		var blocked = new Http(port).bearer(acme.key(Role.OWNER)).get("/api/v1/projects");

		assertThat(blocked.status()).isEqualTo(429);
		assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(blocked.json().get("detail").asString()).contains("failed authentications");
	}

	@Test
	void successful_requests_do_not_count_against_the_address() {
		var acme = tenants.create();
		var owner = new Http(port).bearer(acme.key(Role.OWNER));

		for (int i = 0; i < 10; i++) {
			assertThat(owner.get("/api/v1/projects").status()).isEqualTo(200);
		}
	}
}
