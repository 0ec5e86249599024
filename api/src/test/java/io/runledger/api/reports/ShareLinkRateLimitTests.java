package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;

@IntegrationTest
@TestPropertySource(properties = { "runledger.rate-limits.shared-links.per-token.capacity=3",
		"runledger.rate-limits.shared-links.per-token.refill-per-second=0.001",
		"runledger.rate-limits.shared-links.per-address.capacity=8",
		"runledger.rate-limits.shared-links.per-address.refill-per-second=0.001" })
class ShareLinkRateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	Http anonymous;

	@BeforeEach
	void setUp() {
		anonymous = new Http(port);
		// Every test request comes from loopback, so the address bucket is shared with earlier runs: start it full.
		redis.delete("rl:addr:127.0.0.1");
	}

	@Test
	void one_link_read_too_often_gets_429_while_other_links_still_answer() {
		var hammered = "/api/v1/shared/reports/" + token();

		for (int i = 0; i < 3; i++) {
			assertThat(anonymous.get(hammered).status()).isEqualTo(404);
		}
		var limited = anonymous.get(hammered + "/data");

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isNotBlank();
		assertThat(limited.json().get("detail").asString()).contains("share link or address");
		assertThat(anonymous.get("/api/v1/shared/reports/" + token()).status()).isEqualTo(404);
	}

	@Test
	void one_address_sweeping_many_tokens_gets_429() {
		for (int i = 0; i < 4; i++) {
			var path = "/api/v1/shared/reports/" + token();
			anonymous.get(path);
			anonymous.get(path);
		}

		assertThat(anonymous.get("/api/v1/shared/reports/" + token()).status()).isEqualTo(429);
	}

	private static String token() {
		return "rls_" + UUID.randomUUID().toString().replace("-", "");
	}
}
