package io.runledger.api.http;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Two token buckets checked and charged atomically in Redis (one Lua script, Redis' own clock): the caller's key and
 * its organisation, or, for anonymous share-link reads, the link and the client address. If Redis cannot be reached
 * the limiter fails open (serves the request), logs, counts it, and stays away from Redis for a few seconds so an
 * outage does not add a timeout to every request.
 */
@Component
class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private static final long BACKOFF_MILLIS = 5_000;

	// Returns {allowed, remaining of the tighter bucket, limit of the tighter bucket, retry-after ms, reset ms}.
	private static final RedisScript<List> TWO_BUCKETS = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local tokens, stamps = {}, {}
			local allowed = 1
			local retry = 0
			for i = 1, 2 do
			  local capacity = tonumber(ARGV[2 * i - 1])
			  local rate = tonumber(ARGV[2 * i]) / 1000
			  local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
			  local have = tonumber(state[1]) or capacity
			  local ts = tonumber(state[2]) or now
			  have = math.min(capacity, have + math.max(0, now - ts) * rate)
			  tokens[i] = have
			  if have < 1 then
			    allowed = 0
			    retry = math.max(retry, math.ceil((1 - have) / rate))
			  end
			end
			local tight, tightLimit, reset = nil, 0, 0
			for i = 1, 2 do
			  local capacity = tonumber(ARGV[2 * i - 1])
			  local rate = tonumber(ARGV[2 * i]) / 1000
			  if allowed == 1 then tokens[i] = tokens[i] - 1 end
			  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i]), 'ts', tostring(now))
			  redis.call('PEXPIRE', KEYS[i], math.ceil(capacity / rate) + 1000)
			  if tight == nil or tokens[i] < tight then
			    tight = tokens[i]
			    tightLimit = capacity
			    reset = math.ceil((capacity - tokens[i]) / rate)
			  end
			end
			return {allowed, math.floor(math.max(0, tight)), tightLimit, retry, reset}
			""", List.class);

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final Counter unavailable;

	private final AtomicLong skipUntil = new AtomicLong();

	RateLimiter(StringRedisTemplate redis, Clock clock, MeterRegistry meters) {
		this.redis = redis;
		this.clock = clock;
		this.unavailable = Counter.builder("runledger.ratelimit.unavailable")
			.description("Requests served without a rate-limit check because Redis was unreachable")
			.register(meters);
	}

	record Decision(boolean allowed, long remaining, long limit, long retryAfterMillis, long resetMillis) {

		static final Decision UNCHECKED = new Decision(true, -1, -1, 0, 0);
	}

	Decision check(String keyBucket, String orgBucket, RateLimitProperties.Plan plan) {
		return check("rl:key:" + keyBucket, plan.perKey(), "rl:org:" + orgBucket, plan.perOrganisation());
	}

	/** An anonymous read through a share link; {@code tokenDigest} so that Redis never holds a token. */
	Decision checkSharedLink(String tokenDigest, String address, SharedLinkRateLimits limits) {
		return check("rl:share:" + tokenDigest, limits.perToken(), "rl:addr:" + address, limits.perAddress());
	}

	private Decision check(String firstKey, RateLimitProperties.Bucket first, String secondKey,
			RateLimitProperties.Bucket second) {
		long now = clock.millis();
		if (now < skipUntil.get()) {
			unavailable.increment();
			return Decision.UNCHECKED;
		}
		try {
			List<?> result = redis.execute(TWO_BUCKETS, List.of(firstKey, secondKey), Long.toString(first.capacity()),
					Double.toString(first.refillPerSecond()), Long.toString(second.capacity()),
					Double.toString(second.refillPerSecond()));
			return new Decision(number(result, 0) == 1, number(result, 1), number(result, 2), number(result, 3),
					number(result, 4));
		}
		catch (RuntimeException e) {
			skipUntil.set(now + BACKOFF_MILLIS);
			unavailable.increment();
			log.warn("Rate limiting is failing open for {} ms: Redis unavailable ({})", BACKOFF_MILLIS,
					e.getMessage());
			return Decision.UNCHECKED;
		}
	}

	private static long number(List<?> result, int index) {
		return ((Number) result.get(index)).longValue();
	}
}
