package io.runledger.api.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.metering.BudgetGuard;
import io.runledger.metering.Meter;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/** Run rows: creation, lifecycle and the attributes people edit. Every method is scoped to one organisation. */
@Component
public class Runs {

	/** Writes refresh the heartbeat at most this often, so ingestion does not rewrite the run row per batch. */
	static final Duration HEARTBEAT_GRANULARITY = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final Clock clock;

	private final TrackedTime trackedTime;

	private final BudgetGuard budgets;

	private final TrackingProperties properties;

	private final AuditLog audit;

	Runs(JdbcClient jdbc, TenantTransactions tx, Projects projects, Clock clock, TrackedTime trackedTime,
			BudgetGuard budgets, TrackingProperties properties, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.clock = clock;
		this.trackedTime = trackedTime;
		this.budgets = budgets;
		this.properties = properties;
	}

	/**
	 * @param startedAt the client's start time, or null for now
	 * @param sendsHeartbeats whether the client heartbeats (our SDK) or never does (MLflow clients): only runs that
	 *        heartbeat are taken for CRASHED when silent for the heartbeat timeout
	 */
	public record NewRun(String name, String group, String notes, Instant startedAt, boolean sendsHeartbeats) {
	}

	/**
	 * An instant a client supplies, as of receipt: nothing a client says lies in the future is taken as future (client
	 * clocks run ahead), so what a run shows and what it is charged come from the same instants.
	 */
	private static Instant received(Instant clientInstant, Instant now) {
		return clientInstant == null || clientInstant.isAfter(now) ? now : clientInstant;
	}

	Run create(OrgId orgId, ProjectId projectId, NewRun spec, Actor actor) {
		var id = RunId.random();
		var now = clock.instant();
		var started = received(spec.startedAt(), now);
		var name = spec.name() == null || spec.name().isBlank() ? "run-" + id.toString().substring(0, 8)
				: TrackingLimits.value(spec.name(), TrackingLimits.MAX_NAME_LENGTH, "name");
		var group = spec.group() == null ? null : TrackingLimits.value(spec.group(), TrackingLimits.MAX_NAME_LENGTH,
				"group");
		var notes = spec.notes() == null ? "" : TrackingLimits.value(spec.notes(), TrackingLimits.MAX_NOTES_LENGTH,
				"notes");
		return tx.write(orgId, () -> {
			projects.get(orgId, projectId);
			// A new run starts tracked time; a reached hard cap on tracked hours refuses it.
			budgets.requireWritable(orgId, projectId, Meter.TRACKED_HOURS);
			jdbc.sql("""
					insert into runs (org_id, run_id, project_id, name, state, created_by, run_group, notes,
					                  started_at, heartbeat_at, metered_until, running_since, sends_heartbeats)
					values (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)""")
				// Tracked time starts when the run exists here: a start time in the past (an imported run, a process
				// that began before it called us) is shown as given but never charged.
				.params(orgId.value(), id.value(), projectId.value(), name, actor.kind() + ":" + actor.id(), group,
						notes, Timestamp.from(started), Timestamp.from(now), Timestamp.from(now), Timestamp.from(now),
						spec.sendsHeartbeats())
				.update();
			return get(orgId, id);
		});
	}

	public Run get(OrgId orgId, RunId runId) {
		return tx.read(orgId, () -> jdbc.sql("select * from runs where org_id = ? and run_id = ?")
			.params(orgId.value(), runId.value())
			.query(Runs::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("run", runId)));
	}

	/** The run for a write of tracking data: it must exist and accept data. Locks nothing. */
	Run forWrite(OrgId orgId, RunId runId) {
		var run = get(orgId, runId);
		if (run.deletedAt() != null) {
			throw new ConflictException("run " + runId + " is deleted; restore it before logging to it");
		}
		if (!run.state().acceptsData()) {
			throw new ConflictException("run " + runId + " is " + run.state()
					+ "; reopen it (set state RUNNING) before logging more data");
		}
		return run;
	}

	/**
	 * Any write is a sign of life: refresh the heartbeat when it is stale. Called inside the writing transaction,
	 * before any series row is touched (lock order: run, then series), so concurrent writers cannot deadlock. The hot
	 * path (a heartbeat refreshed less than {@link #HEARTBEAT_GRANULARITY} ago) is one update that matches nothing.
	 */
	void touch(OrgId orgId, RunId runId) {
		signOfLife(orgId, runId, clock.instant().minus(HEARTBEAT_GRANULARITY));
	}

	/**
	 * A sign of life after a silence the platform noticed (a run the crash detector marked CRASHED, or a quiet one,
	 * silent for the heartbeat timeout, whose client never heartbeats) resumes the run's tracked time now: the silence
	 * is charged up to the last sign of life before it and no further. A crashed run is revived. The heartbeat is
	 * refreshed when older than {@code staleBefore}.
	 */
	private void signOfLife(OrgId orgId, RunId runId, Instant staleBefore) {
		var now = clock.instant();
		var quietBefore = Timestamp.from(now.minus(properties.heartbeatTimeout()));
		// A quiet run keeps its old heartbeat in this statement, so that its time is reported up to there first. (A
		// silent run whose client heartbeats is the crash detector's: CRASHED, then revived below.)
		var quiet = jdbc.sql("""
				update runs set
				       heartbeat_at = case when state = 'RUNNING' and not sends_heartbeats and heartbeat_at < ?
				                           then heartbeat_at else ? end,
				       state = case when state = 'CRASHED' then 'RUNNING' else state end,
				       ended_at = case when state = 'CRASHED' then null else ended_at end,
				       metered_until = case when state = 'CRASHED' then greatest(metered_until, ?) else metered_until end,
				       running_since = case when state = 'CRASHED' then greatest(metered_until, ?) else running_since end
				where org_id = ? and run_id = ? and (heartbeat_at < ? or state = 'CRASHED')
				returning state = 'RUNNING' and not sends_heartbeats and heartbeat_at < ?""")
			.params(quietBefore, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), orgId.value(),
					runId.value(), Timestamp.from(staleBefore), quietBefore)
			.query(Boolean.class)
			.optional()
			.orElse(false);
		if (quiet) {
			trackedTime.report(orgId, runId);
			jdbc.sql("""
					update runs set heartbeat_at = ?, metered_until = greatest(metered_until, ?),
					       running_since = greatest(metered_until, ?)
					where org_id = ? and run_id = ?""")
				.params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), orgId.value(), runId.value())
				.update();
		}
	}

	/** The SDK's heartbeat: a sign of life, and from now on the run is one whose silence means it crashed. */
	Run heartbeat(OrgId orgId, RunId runId) {
		return tx.write(orgId, () -> {
			var run = forWrite(orgId, runId);
			budgets.requireWritable(orgId, run.projectId(), Meter.TRACKED_HOURS);
			signOfLife(orgId, runId, clock.instant().plusSeconds(1));
			if (!run.sendsHeartbeats()) {
				jdbc.sql("update runs set sends_heartbeats = true where org_id = ? and run_id = ?")
					.params(orgId.value(), runId.value())
					.update();
			}
			return get(orgId, runId);
		});
	}

	/**
	 * Whether the run shows recent activity: RUNNING with a sign of life within the heartbeat timeout. A quiet run
	 * whose client never heartbeats stays RUNNING (it may be evaluating) but is not active.
	 */
	public boolean active(Run run) {
		return run.state() == RunState.RUNNING
				&& !run.heartbeatAt().isBefore(clock.instant().minus(properties.heartbeatTimeout()));
	}

	/**
	 * Runs {@code work} as a write to a run that may have ended: MLflow accepts data for any run that is not deleted,
	 * our engine only while it is RUNNING. The run is RUNNING for the duration of the transaction and ended again as
	 * it was, with its end time and tracked time untouched (a late write is not running time).
	 */
	public <T> T writingToEnded(OrgId orgId, RunId runId, Supplier<T> work) {
		return tx.write(orgId, () -> {
			var run = locked(orgId, runId);
			if (run.state().acceptsData()) {
				return work.get();
			}
			// The heartbeat moves too, so that the write is not taken for new activity after a silence.
			jdbc.sql("update runs set state = 'RUNNING', heartbeat_at = ? where org_id = ? and run_id = ?")
				.params(Timestamp.from(clock.instant()), orgId.value(), runId.value())
				.update();
			var result = work.get();
			jdbc.sql("update runs set state = ? where org_id = ? and run_id = ?")
				.params(run.state().name(), orgId.value(), runId.value())
				.update();
			return result;
		});
	}

	public Run update(OrgId orgId, RunId runId, String name, String notes, String group) {
		return tx.write(orgId, () -> {
			var run = get(orgId, runId);
			var newName = name == null ? run.name()
					: TrackingLimits.value(name, TrackingLimits.MAX_NAME_LENGTH, "name");
			if (newName.isBlank()) {
				throw new InvalidRequestException("name must not be blank");
			}
			var newNotes = notes == null ? run.notes()
					: TrackingLimits.value(notes, TrackingLimits.MAX_NOTES_LENGTH, "notes");
			var newGroup = group == null ? run.group()
					: TrackingLimits.value(group, TrackingLimits.MAX_NAME_LENGTH, "group");
			jdbc.sql("update runs set name = ?, notes = ?, run_group = ? where org_id = ? and run_id = ?")
				.params(newName, newNotes, newGroup, orgId.value(), runId.value())
				.update();
			return get(orgId, runId);
		});
	}

	/**
	 * Finishing (FINISHED, FAILED, KILLED) records the end time; setting RUNNING again reopens a terminal run. Ending
	 * an already ended run with the same state is a no-op, so client retries are safe.
	 */
	public Run changeState(OrgId orgId, RunId runId, RunState target, Instant endedAt) {
		if (target == RunState.CRASHED) {
			throw new InvalidRequestException("CRASHED is set by the platform, not by clients");
		}
		return tx.write(orgId, () -> {
			var run = locked(orgId, runId);
			if (run.state() == target) {
				return run;
			}
			var now = clock.instant();
			if (target == RunState.RUNNING) {
				budgets.requireWritable(orgId, run.projectId(), Meter.TRACKED_HOURS);
				// Whatever the run had not reported yet is reported first; from now on only new time counts.
				trackedTime.report(orgId, runId);
				jdbc.sql("""
						update runs set state = 'RUNNING', ended_at = null, heartbeat_at = ?,
						       metered_until = greatest(metered_until, ?), running_since = greatest(metered_until, ?)
						where org_id = ? and run_id = ?""")
					.params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), orgId.value(),
							runId.value())
					.update();
			}
			else {
				if (run.state() != RunState.RUNNING && run.state() != RunState.CRASHED) {
					throw new ConflictException("run " + runId + " is already " + run.state()
							+ "; reopen it (state RUNNING) before ending it as " + target);
				}
				var end = received(endedAt, now);
				if (end.isBefore(run.startedAt())) {
					throw new InvalidRequestException("endTime lies before the run's start time");
				}
				// Ending is a sign of life: after a long silence, the silence is not charged.
				signOfLife(orgId, runId, now);
				setEnd(orgId, runId, target, end);
			}
			return get(orgId, runId);
		});
	}

	/**
	 * Replaces the state and end time of an ended run (MLflow lets clients set them again). The run's last charged
	 * stretch is billed again up to the new end: time is added, or withdrawn by a compensating usage event, so what is
	 * billed matches what the run shows. A CRASHED run is ended like a running one ({@link #changeState}).
	 */
	public Run replaceEnd(OrgId orgId, RunId runId, RunState target, Instant endedAt) {
		if (!target.terminal() || target == RunState.CRASHED) {
			throw new InvalidRequestException("a run ends FINISHED, FAILED or KILLED, not " + target);
		}
		return tx.write(orgId, () -> {
			var run = locked(orgId, runId);
			if (!run.state().terminal() || run.state() == RunState.CRASHED) {
				throw new ConflictException("run " + runId + " is " + run.state() + "; only an ended run's end is replaced");
			}
			var end = received(endedAt == null ? run.endedAt() : endedAt, clock.instant());
			if (end.isBefore(run.startedAt())) {
				throw new InvalidRequestException("endTime lies before the run's start time");
			}
			setEnd(orgId, runId, target, end);
			return get(orgId, runId);
		});
	}

	private void setEnd(OrgId orgId, RunId runId, RunState target, Instant end) {
		jdbc.sql("update runs set state = ?, ended_at = ? where org_id = ? and run_id = ?")
			.params(target.name(), Timestamp.from(end), orgId.value(), runId.value())
			.update();
		trackedTime.report(orgId, runId);
	}

	/** The run, its row locked for this transaction (lifecycle changes take the run row first). */
	private Run locked(OrgId orgId, RunId runId) {
		return jdbc.sql("select * from runs where org_id = ? and run_id = ? for update")
			.params(orgId.value(), runId.value())
			.query(Runs::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("run", runId));
	}

	/** Deletes (softly) or restores a run; audited in the same transaction. */
	public Run setDeleted(OrgId orgId, RunId runId, boolean deleted, Actor actor) {
		return tx.write(orgId, () -> {
			// A run deleted or restored on its own is no longer part of a bulk delete's undo.
			int changed = jdbc.sql("update runs set deleted_at = ?, deleted_by_operation = null where org_id = ? and run_id = ?")
				.params(deleted ? Timestamp.from(clock.instant()) : null, orgId.value(), runId.value())
				.update();
			if (changed == 0) {
				throw new NotFoundException("run", runId);
			}
			var run = get(orgId, runId);
			audit.record(orgId, actor, deleted ? "run.deleted" : "run.restored", "run", runId.toString(),
					Map.of("projectId", run.projectId().toString(), "name", String.valueOf(run.name())));
			return run;
		});
	}

	static Run map(ResultSet rs, int row) throws SQLException {
		return new Run(new OrgId(rs.getObject("org_id", UUID.class)), new RunId(rs.getObject("run_id", UUID.class)),
				new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("name"),
				RunState.valueOf(rs.getString("state")), rs.getString("created_by"), rs.getString("run_group"),
				rs.getString("notes"), rs.getString("config"), instant(rs, "started_at"), instant(rs, "ended_at"),
				instant(rs, "heartbeat_at"), instant(rs, "deleted_at"), rs.getBoolean("sends_heartbeats"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}
}
