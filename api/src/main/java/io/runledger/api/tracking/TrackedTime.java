package io.runledger.api.tracking;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.metering.Meter;
import io.runledger.metering.UsageRecorder;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Reports the wall-clock time runs spend RUNNING to metering ({@link Meter#TRACKED_HOURS}, in seconds), cut at hour
 * boundaries so each piece counts for the hour it was spent in. A run's {@code metered_until} marks what has been
 * reported; reporting moves it in the same transaction, so each second is reported once. What is reported:
 * <ul>
 * <li>counting starts when the run is created here (a start time in the past is never charged);</li>
 * <li>a RUNNING run: up to its latest heartbeat (any write is one), every minute or so;</li>
 * <li>a finished, failed or killed run: up to its end time;</li>
 * <li>a CRASHED run: up to its last heartbeat, which is where the crash detector ends it;</li>
 * <li>a reopened run, or one active again after a silence longer than the heartbeat timeout: only the time after
 * that instant ({@code running_since}, where the mark jumps to);</li>
 * <li>an ended run whose end is replaced: its last stretch, {@code running_since} to the new end. Time billed past
 * the new end is withdrawn by compensating events; the revision in their ids keeps time billed again later new;</li>
 * <li>never anything past now, whatever end time a client sends (ends are taken as of receipt anyway).</li>
 * </ul>
 */
@Component
class TrackedTime {

	private static final Logger log = LoggerFactory.getLogger(TrackedTime.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final UsageRecorder usage;

	private final Clock clock;

	TrackedTime(JdbcClient jdbc, TenantTransactions tx, UsageRecorder usage, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.usage = usage;
		this.clock = clock;
	}

	/**
	 * Brings the run's billed time to what it shows: reports unreported time, or withdraws time billed past an end
	 * that moved back. Call inside a tenant write transaction. Returns the seconds reported (negative if withdrawn).
	 */
	BigDecimal report(OrgId orgId, RunId runId) {
		record Row(ProjectId project, RunState state, Instant ended, Instant heartbeat, Instant meteredUntil,
				Instant runningSince, int revision) {
		}
		var row = jdbc.sql("""
				select project_id, state, ended_at, heartbeat_at, metered_until, running_since, metered_revision
				from runs where org_id = ? and run_id = ? for update""")
			.params(orgId.value(), runId.value())
			.query((rs, n) -> new Row(new ProjectId(rs.getObject(1, UUID.class)), RunState.valueOf(rs.getString(2)),
					instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
					instant(rs.getTimestamp(6)), rs.getInt(7)))
			.optional();
		if (row.isEmpty()) {
			return BigDecimal.ZERO;
		}
		var run = row.get();
		boolean ended = run.state() != RunState.RUNNING && run.ended() != null;
		var reported = ended ? run.ended() : run.heartbeat();
		// A client-supplied end time in the future is not time spent (yet): nothing past now is ever reported.
		var now = clock.instant();
		var upTo = reported.isAfter(now) ? now : reported;
		var revision = run.revision();
		var total = BigDecimal.ZERO;
		if (ended && upTo.isBefore(run.meteredUntil()) && run.runningSince().isBefore(run.meteredUntil())) {
			// The end moved back: withdraw what the last stretch was billed past it (never before the stretch began).
			upTo = upTo.isBefore(run.runningSince()) ? run.runningSince() : upTo;
			revision++;
			for (var piece : hourPieces(upTo, run.meteredUntil())) {
				usage.withdrawTrackedTime(orgId, eventId(runId, revision, "withdrawn:", piece.from()), run.project(),
						runId, piece.seconds(), piece.from(), piece.to());
				total = total.subtract(piece.seconds());
			}
		}
		else if (upTo.isAfter(run.meteredUntil())) {
			for (var piece : hourPieces(run.meteredUntil(), upTo)) {
				usage.record(orgId, eventId(runId, revision, "", piece.from()), Meter.TRACKED_HOURS, run.project(), runId,
						piece.seconds(), piece.from(), piece.to());
				total = total.add(piece.seconds());
			}
		}
		else {
			return BigDecimal.ZERO;
		}
		jdbc.sql("update runs set metered_until = ?, metered_revision = ? where org_id = ? and run_id = ?")
			.params(Timestamp.from(upTo), revision, orgId.value(), runId.value())
			.update();
		return total;
	}

	private record Piece(Instant from, Instant to, BigDecimal seconds) {
	}

	/** {@code [from, to)} cut at hour boundaries (UTC), so each piece counts in the hour it was spent; exact to the µs. */
	private static java.util.List<Piece> hourPieces(Instant from, Instant to) {
		var pieces = new java.util.ArrayList<Piece>();
		for (var start = from; start.isBefore(to);) {
			var hourEnd = start.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
			var end = hourEnd.isBefore(to) ? hourEnd : to;
			pieces.add(new Piece(start, end,
					BigDecimal.valueOf(ChronoUnit.MICROS.between(start, end), 6).stripTrailingZeros()));
			start = end;
		}
		return pieces;
	}

	/** Deterministic per run, revision and piece start: a retry records nothing twice, a re-billing is new usage. */
	private static String eventId(RunId runId, int revision, String kind, Instant from) {
		return "time:" + runId + ":" + (revision == 0 ? "" : "r" + revision + ":") + kind
				+ ChronoUnit.MICROS.between(Instant.EPOCH, from);
	}

	private record OrgRun(OrgId orgId, RunId runId) {
	}

	/**
	 * Reports the time of RUNNING runs whose heartbeat moved on, across tenants: one transaction per organisation and
	 * batch, not per run. Returns how many runs.
	 */
	@Scheduled(fixedDelayString = "${runledger.metering.tracked-time-interval:1m}",
			initialDelayString = "${runledger.metering.tracked-time-interval:1m}")
	int reportRunning() {
		int runs = 0;
		while (true) {
			var batch = jdbc.sql("select org_id, run_id from runs_with_unreported_time(?)")
				.param(BATCH)
				.query((rs, n) -> new OrgRun(new OrgId(rs.getObject(1, UUID.class)),
						new RunId(rs.getObject(2, UUID.class))))
				.list();
			var byOrg = new java.util.LinkedHashMap<OrgId, java.util.List<RunId>>();
			for (var entry : batch) {
				byOrg.computeIfAbsent(entry.orgId(), o -> new java.util.ArrayList<>()).add(entry.runId());
			}
			byOrg.forEach((orgId, ids) -> tx.writeVoid(orgId, () -> ids.forEach(id -> report(orgId, id))));
			runs += batch.size();
			if (batch.size() < BATCH) {
				break;
			}
		}
		if (runs > 0) {
			log.debug("Reported tracked time of {} running run(s)", runs);
		}
		return runs;
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}
}
