package io.runledger.api.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Throttles failing authentications, and only those: after too many failures of one credential (an API key's
 * prefix, a token, a signed-in person) within a minute, its further failures answer 429 with {@code Retry-After}
 * instead of 401; failures that name nobody (a malformed or unrecognisable credential) count against the client
 * address instead. A valid credential is never looked up here, so it is never refused and costs nothing, whoever
 * else fails from the same address or load balancer. The address is the client's own when the immediate peer is a
 * trusted proxy ({@code server.tomcat.remoteip.internal-proxies}), otherwise the peer's. Counts live in Redis;
 * without Redis the check fails open like the other rate limits.
 */
@Component
class FailedAuthentications {

	private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final long limit;

	private final Counter failures;

	private final AtomicLong skipUntil = new AtomicLong();

	FailedAuthentications(StringRedisTemplate redis, MeterRegistry meters,
			@Value("${runledger.rate-limits.failed-authentications-per-minute:30}") long limit) {
		this.redis = redis;
		this.limit = limit;
		this.failures = Counter.builder("runledger.auth.failures")
			.description("Rejected credentials (unknown, expired, revoked or invalid)")
			.register(meters);
	}

	/** Who a failure is counted against: never a secret itself, only a prefix, a digest, a name or an address. */
	record Culprit(String key) {

		static Culprit apiKey(String prefix) {
			return new Culprit("key:" + prefix);
		}

		static Culprit token(String token) {
			return new Culprit("token:" + TokenDigests.of(token));
		}

		static Culprit person(String name) {
			return new Culprit("person:" + name);
		}

		static Culprit address(String address) {
			return new Culprit("address:" + address);
		}
	}

	/** Counts a failure; answers the seconds the culprit must wait when it is over the limit, else 0. */
	long record(Culprit culprit) {
		failures.increment();
		if (System.currentTimeMillis() < skipUntil.get()) {
			return 0;
		}
		var key = "rl:authfail:" + culprit.key();
		try {
			var count = redis.opsForValue().increment(key);
			if (count != null && count == 1) {
				redis.expire(key, WINDOW);
			}
			if (count == null || count <= limit) {
				return 0;
			}
			if (count == limit + 1) {
				log.warn("Throttling failed authentications of {} for up to {}: {} failures", culprit.key(), WINDOW,
						count);
			}
			var ttl = redis.getExpire(key);
			return ttl == null || ttl < 1 ? 1 : ttl;
		}
		catch (RuntimeException e) {
			skipUntil.set(System.currentTimeMillis() + 5_000);
			log.warn("Failed-authentication limiting is failing open: Redis unavailable ({})", e.getMessage());
			return 0;
		}
	}
}
