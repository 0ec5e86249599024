package io.runledger.metering;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/**
 * The live usage counters budget checks read: one Redis hash per organisation and month, with a field per meter
 * and per meter × project, in base units. PostgreSQL is the truth: a missing hash (Redis restarted, evicted, or
 * never built) is rebuilt from it, increments only ever add to a hash that exists (so a rebuild cannot be
 * overtaken by a half-counted one), and the budget job replaces each hash with PostgreSQL's totals regularly, which
 * heals increments lost while Redis was unreachable (or in a crash). Increments are coalesced in memory and sent
 * every 100 ms, so a write pays a map update instead of a Redis round trip; the hard cap flushes an organisation's
 * pending increments before it reads. Every Redis failure is swallowed and counted: metering never fails a write
 * because Redis is down.
 */
@Component
class LiveCounters {

	private static final Logger log = LoggerFactory.getLogger(LiveCounters.class);

	/** Adds to the fields of each hash that exists; leaves missing hashes missing. ARGV: field, amount, field, ... */
	private static final RedisScript<Long> ADD_IF_PRESENT = RedisScript.of("""
			if redis.call('exists', KEYS[1]) == 0 then return 0 end
			for i = 1, #ARGV, 2 do redis.call('hincrbyfloat', KEYS[1], ARGV[i], ARGV[i + 1]) end
			return 1""", Long.class);

	/** Replaces the hash with the given fields (ARGV[1] = ttl seconds, then field, value, ...). */
	private static final RedisScript<Long> REPLACE = RedisScript.of("""
			redis.call('del', KEYS[1])
			for i = 2, #ARGV, 2 do redis.call('hset', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('hset', KEYS[1], '_built', '1')
			redis.call('expire', KEYS[1], tonumber(ARGV[1]))
			return 1""", Long.class);

	/** Longer than any month, so a hash outlives its period and then goes away by itself. */
	private static final long TTL_SECONDS = 40L * 24 * 3600;

	private final StringRedisTemplate redis;

	private final AtomicLong failures = new AtomicLong();

	LiveCounters(StringRedisTemplate redis) {
		this.redis = redis;
	}

	record Increment(Meter meter, ProjectId project, BigDecimal quantity) {
	}

	/** Committed usage not sent to Redis yet: hash key → field → amount. */
	private final Map<String, Map<String, BigDecimal>> pending = new ConcurrentHashMap<>();

	/** Adds committed usage to the organisation's pending increments for the period. Never throws, never blocks. */
	void add(OrgId orgId, Period period, List<Increment> increments) {
		// compute() holds the key's lock, so a flush removing the same key never loses a merge half-way.
		pending.compute(key(orgId, period), (key, sums) -> {
			var fields = sums == null ? new HashMap<String, BigDecimal>() : sums;
			for (var inc : increments) {
				fields.merge(field(inc.meter(), null), inc.quantity(), BigDecimal::add);
				if (inc.project() != null) {
					fields.merge(field(inc.meter(), inc.project()), inc.quantity(), BigDecimal::add);
				}
			}
			return fields;
		});
	}

	/** Sends every pending increment to the hashes that exist. */
	@Scheduled(fixedDelay = 100)
	void flush() {
		for (var key : pending.keySet()) {
			send(key);
		}
	}

	/** Sends one organisation's pending increments (before a hard-cap decision reads its counters). */
	void flush(OrgId orgId) {
		var prefix = "usage:" + orgId + ":";
		for (var key : pending.keySet()) {
			if (key.startsWith(prefix)) {
				send(key);
			}
		}
	}

	private void send(String key) {
		var sums = pending.remove(key);
		if (sums == null || sums.isEmpty()) {
			return;
		}
		var args = new ArrayList<String>();
		sums.forEach((field, value) -> {
			args.add(field);
			args.add(value.toPlainString());
		});
		try {
			redis.execute(ADD_IF_PRESENT, List.of(key), args.toArray());
		}
		catch (RuntimeException e) {
			failed("increment", e);
		}
	}

	/** The hash's fields, or null when it does not exist (or Redis cannot be reached: then {@code unreachable}). */
	Map<String, BigDecimal> read(OrgId orgId, Period period) {
		Map<Object, Object> entries = redis.opsForHash().entries(key(orgId, period));
		if (entries.isEmpty()) {
			return null;
		}
		var result = new HashMap<String, BigDecimal>();
		entries.forEach((k, v) -> {
			if (!"_built".equals(k)) {
				result.put((String) k, new BigDecimal((String) v));
			}
		});
		return result;
	}

	void replace(OrgId orgId, Period period, Map<String, BigDecimal> totals) {
		var args = new ArrayList<String>();
		args.add(Long.toString(TTL_SECONDS));
		totals.forEach((field, value) -> {
			args.add(field);
			args.add(value.toPlainString());
		});
		redis.execute(REPLACE, List.of(key(orgId, period)), args.toArray());
	}

	static String field(Meter meter, ProjectId project) {
		return project == null ? meter.name() : meter.name() + ":" + project;
	}

	static String key(OrgId orgId, Period period) {
		return "usage:" + orgId + ":" + period;
	}

	void failed(String what, RuntimeException e) {
		long n = failures.incrementAndGet();
		if (n == 1 || n % 1000 == 0) {
			log.warn("Redis unreachable for usage counters ({} failures so far, last on {}): {}", n, what,
					e.toString());
		}
	}
}
