package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;

/**
 * The narrow door through which tracking and storage report usage. It must be called inside the transaction that
 * stores the data being counted, so usage is recorded exactly when the data is: a rolled-back batch leaves no usage,
 * a committed one cannot lose it. The event id makes a retry a no-op. After the transaction commits, the live
 * counters in Redis are told (best effort: PostgreSQL stays the truth).
 */
@Component
public class UsageRecorder {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final LiveCounters counters;

	private final boolean enabled;

	UsageRecorder(JdbcClient jdbc, Clock clock, LiveCounters counters, MeteringProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.counters = counters;
		this.enabled = properties.enabled();
	}

	/** Records usage that happens now, once per {@code eventId}; returns false when that event was recorded before. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean record(OrgId orgId, String eventId, Meter meter, ProjectId projectId, RunId runId,
			BigDecimal quantity) {
		var now = clock.instant();
		return record(orgId, eventId, meter, projectId, runId, quantity, now, now);
	}

	/**
	 * Records usage that counts for the window {@code [windowStart, windowEnd)} (tracked time spent then, bytes kept
	 * over that hour), once per {@code eventId}. Roll-ups put it in the hour of {@code windowStart}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean record(OrgId orgId, String eventId, Meter meter, ProjectId projectId, RunId runId,
			BigDecimal quantity, Instant windowStart, Instant windowEnd) {
		if (quantity.signum() < 0) {
			throw new IllegalArgumentException("usage quantities are never negative, got " + quantity);
		}
		if (windowEnd.isBefore(windowStart)) {
			throw new IllegalArgumentException("a usage window ends after it starts: " + windowStart + " > " + windowEnd);
		}
		var occurredAt = windowStart;
		if (!enabled) {
			return false;
		}
		boolean inserted = jdbc.sql("""
				insert into usage_events (org_id, event_id, meter, project_id, run_id, quantity, occurred_at, window_end)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing""")
			.params(orgId.value(), eventId, meter.name(), projectId == null ? null : projectId.value(),
					runId == null ? null : runId.value(), quantity, Timestamp.from(occurredAt),
					Timestamp.from(windowEnd))
			.update() == 1;
		if (inserted && quantity.signum() > 0) {
			afterCommit(orgId, Period.containing(occurredAt)).add(new LiveCounters.Increment(meter, projectId, quantity));
		}
		return inserted;
	}

	/**
	 * Withdraws tracked time recorded before (a client moved a run's end time back): a compensating event of
	 * {@code -seconds} for the window {@code [windowStart, windowEnd)}, once per {@code eventId}. Recorded events are
	 * never changed; roll-ups sum both. Live counters catch up at the next reconciliation (they only ever grow).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean withdrawTrackedTime(OrgId orgId, String eventId, ProjectId projectId, RunId runId,
			BigDecimal seconds, Instant windowStart, Instant windowEnd) {
		if (seconds.signum() <= 0) {
			throw new IllegalArgumentException("withdrawn tracked time is positive, got " + seconds);
		}
		if (windowEnd.isBefore(windowStart)) {
			throw new IllegalArgumentException("a usage window ends after it starts: " + windowStart + " > " + windowEnd);
		}
		if (!enabled) {
			return false;
		}
		return jdbc.sql("""
				insert into usage_events (org_id, event_id, meter, project_id, run_id, quantity, occurred_at, window_end)
				values (?, ?, 'TRACKED_HOURS', ?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing""")
			.params(orgId.value(), eventId, projectId == null ? null : projectId.value(),
					runId == null ? null : runId.value(), seconds.negate(), Timestamp.from(windowStart),
					Timestamp.from(windowEnd))
			.update() == 1;
	}

	/**
	 * Records that the organisation's stored bytes changed by {@code deltaBytes} (positive when bytes become
	 * stored, negative when they are removed for good), once per {@code eventId}. Metering integrates the level over
	 * time into byte-seconds ({@link Meter#STORAGE_BYTES}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean storageChanged(OrgId orgId, String eventId, ProjectId projectId, long deltaBytes) {
		if (deltaBytes == 0 || !enabled) {
			return false;
		}
		return jdbc.sql("""
				insert into storage_changes (org_id, event_id, project_id, delta_bytes, occurred_at)
				values (?, ?, ?, ?, ?) on conflict (org_id, event_id) do nothing""")
			.params(orgId.value(), eventId, projectId == null ? null : projectId.value(), deltaBytes,
					Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/** An event id for usage that has no natural one: unique, so the transaction's own atomicity is the guard. */
	public static String uniqueEventId(String prefix) {
		return prefix + ":" + UUID.randomUUID();
	}

	/** The increments of this transaction for one organisation and period, sent to Redis once it has committed. */
	private List<LiveCounters.Increment> afterCommit(OrgId orgId, Period period) {
		var resourceKey = new PendingKey(orgId, period);
		@SuppressWarnings("unchecked")
		var pending = (List<LiveCounters.Increment>) TransactionSynchronizationManager.getResource(resourceKey);
		if (pending == null) {
			var list = new ArrayList<LiveCounters.Increment>();
			TransactionSynchronizationManager.bindResource(resourceKey, list);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
					if (status == STATUS_COMMITTED) {
						counters.add(orgId, period, list);
					}
				}
			});
			return list;
		}
		return pending;
	}

	private record PendingKey(OrgId orgId, Period period) {
	}
}
