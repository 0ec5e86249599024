package io.runledger.api.http;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/**
 * The table behind {@link IdempotencyFilter}: one row per (organisation, key). Claiming is an insert, so of two
 * concurrent first attempts exactly one wins; a key expires {@code runledger.idempotency.retention} after its first
 * use (and is deleted by the hourly purge), and a claim whose request never finished (the process died) is given up
 * after {@code in-flight-timeout}.
 */
@Component
class IdempotencyKeys {

	sealed interface Claim {
	}

	/** This request owns the key: run it, then {@link #complete} or {@link #release}. */
	record Owned() implements Claim {
	}

	/** The key's first request succeeded with this answer. */
	record Replay(int status, String contentType, String location, byte[] body) implements Claim {
	}

	/** The key was used for another request (another body, path or caller). */
	record Mismatch() implements Claim {
	}

	/** The key's first request is still running. */
	record InFlight() implements Claim {
	}

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Clock clock;

	private final Duration retention;

	private final Duration inFlightTimeout;

	IdempotencyKeys(JdbcClient jdbc, TenantTransactions tx, Clock clock,
			@Value("${runledger.idempotency.retention:24h}") Duration retention,
			@Value("${runledger.idempotency.in-flight-timeout:5m}") Duration inFlightTimeout) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
		this.inFlightTimeout = inFlightTimeout;
	}

	private record Row(byte[] requestHash, Instant createdAt, Integer status, String contentType,
			String location, byte[] body) {
	}

	Claim claim(OrgId orgId, String key, byte[] requestHash) {
		return tx.write(orgId, () -> {
			var now = clock.instant();
			int inserted = jdbc.sql("""
					insert into idempotency_keys (org_id, idempotency_key, request_hash, created_at)
					values (?, ?, ?, ?) on conflict do nothing""")
				.params(orgId.value(), key, requestHash, Timestamp.from(now))
				.update();
			if (inserted == 1) {
				return new Owned();
			}
			var row = jdbc.sql("""
					select request_hash, created_at, status, content_type, location, body from idempotency_keys
					where org_id = ? and idempotency_key = ? for update""")
				.params(orgId.value(), key)
				.query((rs, n) -> new Row(rs.getBytes("request_hash"), rs.getTimestamp("created_at").toInstant(),
						(Integer) rs.getObject("status"), rs.getString("content_type"), rs.getString("location"),
						rs.getBytes("body")))
				.single();
			var created = row.createdAt();
			boolean expired = created.isBefore(now.minus(retention));
			boolean abandoned = row.status() == null && created.isBefore(now.minus(inFlightTimeout));
			if (expired || abandoned) {
				jdbc.sql("""
						update idempotency_keys set request_hash = ?, created_at = ?, status = null, content_type = null,
						location = null, body = null where org_id = ? and idempotency_key = ?""")
					.params(requestHash, Timestamp.from(now), orgId.value(), key)
					.update();
				return new Owned();
			}
			if (!Arrays.equals(row.requestHash(), requestHash)) {
				return new Mismatch();
			}
			return row.status() == null ? new InFlight()
					: new Replay(row.status(), row.contentType(), row.location(), row.body());
		});
	}

	void complete(OrgId orgId, String key, byte[] requestHash, int status, String contentType, String location,
			byte[] body) {
		tx.writeVoid(orgId, () -> jdbc.sql("""
				update idempotency_keys set status = ?, content_type = ?, location = ?, body = ?
				where org_id = ? and idempotency_key = ? and request_hash = ? and status is null""")
			.params(status, contentType, location, body, orgId.value(), key, requestHash)
			.update());
	}

	/** Expired keys would only ever be taken over; deleting them keeps the table to a day of creates. */
	@Scheduled(fixedDelayString = "${runledger.idempotency.purge-interval:1h}",
			initialDelayString = "${runledger.idempotency.purge-interval:1h}")
	int purgeExpiredAcrossTenants() {
		return jdbc.sql("select purge_idempotency_keys(?)")
			.param(Timestamp.from(clock.instant().minus(retention)))
			.query(Integer.class)
			.single();
	}

	/** A failed attempt gives the key back, so the client's retry runs again instead of replaying the failure. */
	void release(OrgId orgId, String key, byte[] requestHash) {
		tx.writeVoid(orgId, () -> jdbc.sql("""
				delete from idempotency_keys
				where org_id = ? and idempotency_key = ? and request_hash = ? and status is null""")
			.params(orgId.value(), key, requestHash)
			.update());
	}
}
