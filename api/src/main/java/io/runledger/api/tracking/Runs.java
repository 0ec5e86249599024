package io.runledger.api.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

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

	private final AuditLog audit;

	Runs(JdbcClient jdbc, TenantTransactions tx, Projects projects, Clock clock, TrackedTime trackedTime,
			BudgetGuard budgets, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.clock = clock;
		this.trackedTime = trackedTime;
		this.budgets = budgets;
	}

	public record NewRun(String name, String group, String notes, Instant startedAt) {
	}

	Run create(OrgId orgId, ProjectId projectId, NewRun spec, Actor actor) {
		var id = RunId.random();
		var now = clock.instant();
		var started = spec.startedAt() == null ? now : spec.startedAt();
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
					                  started_at, heartbeat_at, metered_until)
					values (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)""")
				.params(orgId.value(), id.value(), projectId.value(), name, actor.kind() + ":" + actor.id(), group,
						notes, Timestamp.from(started), Timestamp.from(now),
						// Tracked time starts when the run exists here: a start time in the past (an imported run,
						// a process that began before it called us) is shown as given but never charged.
						Timestamp.from(started.isAfter(now) ? started : now))
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
	 * Any write is a sign of life: refresh the heartbeat when it is stale, and revive a run the crash detector had
	 * given up on. Called inside the writing transaction, before any series row is touched (lock order: run, then
	 * series), so concurrent writers cannot deadlock. A revived run's tracked time restarts now: the crash detector
	 * already reported it up to its last heartbeat.
	 */
	void touch(OrgId orgId, RunId runId) {
		var now = Timestamp.from(clock.instant());
		jdbc.sql("""
				update runs set heartbeat_at = ?,
				       state = case when state = 'CRASHED' then 'RUNNING' else state end,
				       ended_at = case when state = 'CRASHED' then null else ended_at end,
				       metered_until = case when state = 'CRASHED' then greatest(metered_until, ?) else metered_until end
				where org_id = ? and run_id = ? and (heartbeat_at < ? or state = 'CRASHED')""")
			.params(now, now, orgId.value(), runId.value(),
					Timestamp.from(clock.instant().minus(HEARTBEAT_GRANULARITY)))
			.update();
	}

	Run heartbeat(OrgId orgId, RunId runId) {
		return tx.write(orgId, () -> {
			var run = forWrite(orgId, runId);
			budgets.requireWritable(orgId, run.projectId(), Meter.TRACKED_HOURS);
			var now = Timestamp.from(clock.instant());
			jdbc.sql("""
					update runs set heartbeat_at = ?, state = 'RUNNING',
					       ended_at = case when state = 'CRASHED' then null else ended_at end,
					       metered_until = case when state = 'CRASHED' then greatest(metered_until, ?)
					                            else metered_until end
					where org_id = ? and run_id = ?""")
				.params(now, now, orgId.value(), runId.value())
				.update();
			return get(orgId, runId);
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
			var run = jdbc.sql("select * from runs where org_id = ? and run_id = ? for update")
				.params(orgId.value(), runId.value())
				.query(Runs::map)
				.optional()
				.orElseThrow(() -> new NotFoundException("run", runId));
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
						       metered_until = greatest(metered_until, ?)
						where org_id = ? and run_id = ?""")
					.params(Timestamp.from(now), Timestamp.from(now), orgId.value(), runId.value())
					.update();
			}
			else {
				if (run.state() != RunState.RUNNING && run.state() != RunState.CRASHED) {
					throw new ConflictException("run " + runId + " is already " + run.state()
							+ "; reopen it (state RUNNING) before ending it as " + target);
				}
				var end = endedAt == null ? now : endedAt;
				if (end.isBefore(run.startedAt())) {
					throw new InvalidRequestException("endTime lies before the run's start time");
				}
				jdbc.sql("update runs set state = ?, ended_at = ? where org_id = ? and run_id = ?")
					.params(target.name(), Timestamp.from(end), orgId.value(), runId.value())
					.update();
				trackedTime.report(orgId, runId);
			}
			return get(orgId, runId);
		});
	}

	/** Deletes (softly) or restores a run; audited in the same transaction. */
	public Run setDeleted(OrgId orgId, RunId runId, boolean deleted, Actor actor) {
		return tx.write(orgId, () -> {
			int changed = jdbc.sql("update runs set deleted_at = ? where org_id = ? and run_id = ?")
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
				instant(rs, "heartbeat_at"), instant(rs, "deleted_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}
}
