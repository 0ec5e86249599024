package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Failing credentials are throttled (3 failures a minute here), and nothing else is: not a valid credential from the
 * same address, not the health probes, not other clients behind the same load balancer (127.0.0.2 plays the trusted
 * proxy; clients connecting from 127.0.0.1 are untrusted peers).
 */
@IntegrationTest
@TestPropertySource(properties = { "runledger.rate-limits.failed-authentications-per-minute=3",
		"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.2",
		// The limit fails open when Redis is slow; on a loaded test machine the 250 ms budget is sometimes missed.
		"spring.data.redis.timeout=5s", "spring.data.redis.connect-timeout=5s" })
class FailedAuthenticationLimitTests {

	static final String PROXY = "127.0.0.2";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	@AfterEach
	void forgetFailuresOfTheLoopbackPeers() {
		redis.delete(java.util.List.of("rl:authfail:address:127.0.0.1", "rl:authfail:address:" + PROXY));
	}

	@Test
	void a_key_that_keeps_failing_is_answered_429_with_a_retry_after() {
		var guesser = new Http(port).bearer(unknownKey());
		for (int i = 0; i < 3; i++) {
			assertThat(guesser.get("/api/v1/projects").status()).isEqualTo(401);
		}

		var throttled = guesser.get("/api/v1/projects");

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(throttled.json().get("detail").asString()).contains("failed authentications");
	}

	@Test
	void a_valid_key_is_served_while_a_bad_key_from_the_same_address_is_throttled() {
		var acme = tenants.create();
		throttle(new Http(port).bearer(unknownKey()));

		var valid = new Http(port).bearer(acme.key(Role.VIEWER)).get("/api/v1/projects");

		assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
	}

	@Test
	void health_and_readiness_answer_while_a_bad_key_from_the_same_address_is_throttled() {
		throttle(new Http(port).bearer(unknownKey()));

		assertThat(new Http(port).get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(new Http(port).get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void another_keys_failures_are_counted_on_their_own() {
		throttle(new Http(port).bearer(unknownKey()));

		assertThat(new Http(port).bearer(unknownKey()).get("/api/v1/projects").status()).isEqualTo(401);
	}

	@Test
	void credentials_that_name_nobody_are_throttled_per_client_address_behind_a_trusted_proxy() {
		var acme = tenants.create();
		var noisy = randomAddress();
		var neighbour = randomAddress();
		for (int i = 0; i < 3; i++) {
			assertThat(viaProxy(noisy, "Bearer not-a-key").statusCode()).isEqualTo(401);
		}

		var throttled = viaProxy(noisy, "Bearer not-a-key");
		var neighbourFailing = viaProxy(neighbour, "Bearer not-a-key");
		var noisyWithAValidKey = viaProxy(noisy, "Bearer " + acme.key(Role.VIEWER));

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(neighbourFailing.statusCode()).isEqualTo(401);
		assertThat(noisyWithAValidKey.statusCode()).isEqualTo(200);
	}

	@Test
	void forwarded_addresses_from_an_untrusted_peer_are_ignored() {
		var claimed = randomAddress();
		var direct = new Http(port).with("X-Forwarded-For", claimed).bearer("not-a-key");
		throttle(direct);

		var claimedViaTheProxy = viaProxy(claimed, "Bearer not-a-key");

		assertThat(claimedViaTheProxy.statusCode()).as("the untrusted peer's failures counted against itself")
			.isEqualTo(401);
	}

	@Test
	void successful_requests_do_not_count_against_the_address() {
		var acme = tenants.create();
		var owner = new Http(port).bearer(acme.key(Role.OWNER));

		for (int i = 0; i < 10; i++) {
			assertThat(owner.get("/api/v1/projects").status()).isEqualTo(200);
		}
	}

	private static void throttle(Http failing) {
		for (int i = 0; i < 3; i++) {
			assertThat(failing.get("/api/v1/projects").status()).isEqualTo(401);
		}
		assertThat(failing.get("/api/v1/projects").status()).isEqualTo(429);
	}

	/** A well-formed key nobody was issued, with a prefix of its own. */
	private static String unknownKey() {
		var chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		var random = ThreadLocalRandom.current();
		var key = new StringBuilder("rl_");
		for (int i = 0; i < 45; i++) {
			key.append(i == 12 ? '_' : chars.charAt(random.nextInt(chars.length())));
		}
		return key.toString();
	}

	/** An address of the benchmarking range (RFC 2544), fresh per test so earlier runs' counts do not interfere. */
	private static String randomAddress() {
		var random = ThreadLocalRandom.current();
		return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	/** A request as the load balancer forwards it: from the trusted proxy's address, naming the client. */
	private HttpResponse<String> viaProxy(String client, String authorization) {
		HttpClient proxy;
		try {
			proxy = HttpClient.newBuilder().localAddress(InetAddress.getByName(PROXY)).build();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return Exchanges.send(proxy, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/projects"))
			.header("X-Forwarded-For", client)
			.header("Authorization", authorization)
			.build());
	}
}
