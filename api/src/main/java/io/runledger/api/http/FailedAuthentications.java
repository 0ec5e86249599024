package io.runledger.api.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Slows down credential guessing: after too many failed authentications from one address within a minute, that
 * address gets 429 for the rest of the minute, whatever it presents. Counts live in Redis; without Redis the check
 * fails open like the other rate limits.
 */
@Component
class FailedAuthentications {

	private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final long limit;

	private final Counter failures;

	private final AtomicLong skipUntil = new AtomicLong();

	/**
	 * Addresses Redis recently found below the limit, and until when that answer is trusted. Almost every request
	 * comes from an address nowhere near the limit, and asking Redis on each one cost 1-4 ms of every request's
	 * latency (measured on series-read-1m). Only "not blocked" is remembered, for a second, and a failure from the
	 * address forgets it at once, so this instance blocks as soon as before and other instances' failures count
	 * within a second.
	 */
	private final ConcurrentHashMap<String, Long> clearUntil = new ConcurrentHashMap<>();

	private static final long CLEAR_FOR_MILLIS = 1_000;

	private static final int MAX_REMEMBERED = 10_000;

	FailedAuthentications(StringRedisTemplate redis, MeterRegistry meters,
			@Value("${runledger.rate-limits.failed-authentications-per-minute:30}") long limit) {
		this.redis = redis;
		this.limit = limit;
		this.failures = Counter.builder("runledger.auth.failures")
			.description("Rejected credentials (unknown, expired, revoked or invalid)")
			.register(meters);
	}

	/** Seconds until the address may try again, or 0 when it is not blocked. */
	long blockedFor(String address) {
		long now = System.currentTimeMillis();
		if (now < skipUntil.get()) {
			return 0;
		}
		var clear = clearUntil.get(address);
		if (clear != null && now < clear) {
			return 0;
		}
		try {
			var count = redis.opsForValue().get(key(address));
			if (count == null || Long.parseLong(count) < limit) {
				if (clearUntil.size() >= MAX_REMEMBERED) {
					clearUntil.clear();
				}
				clearUntil.put(address, now + CLEAR_FOR_MILLIS);
				return 0;
			}
			var ttl = redis.getExpire(key(address));
			return ttl == null || ttl < 1 ? 1 : ttl;
		}
		catch (RuntimeException e) {
			backOff(e);
			return 0;
		}
	}

	void record(String address) {
		clearUntil.remove(address);
		failures.increment();
		if (System.currentTimeMillis() < skipUntil.get()) {
			return;
		}
		try {
			var count = redis.opsForValue().increment(key(address));
			if (count != null && count == 1) {
				redis.expire(key(address), WINDOW);
			}
			if (count != null && count == limit) {
				log.warn("Blocking {} for up to {}: {} failed authentications", address, WINDOW, count);
			}
		}
		catch (RuntimeException e) {
			backOff(e);
		}
	}

	private void backOff(RuntimeException e) {
		skipUntil.set(System.currentTimeMillis() + 5_000);
		log.warn("Failed-authentication limiting is failing open: Redis unavailable ({})", e.getMessage());
	}

	private static String key(String address) {
		return "rl:authfail:" + address;
	}
}
