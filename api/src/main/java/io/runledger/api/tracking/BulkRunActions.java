package io.runledger.api.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunSearchSql;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * One change applied to many runs of a project in one statement: tag, untag, move to a group, delete, restore. The
 * runs are named by id (at most {@link #MAX_IDS}) or by a search filter, which the database evaluates, so "all 100,000
 * runs matching" never travels as ids; a filter may leave out listed ids (at most {@link #MAX_IDS}: the table's "all
 * matching except these"). Only runs of the given project and organisation are touched (ids from
 * elsewhere change nothing); every call is one audit entry with its count.
 */
@Component
public class BulkRunActions {

	static final int MAX_IDS = 10_000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final Clock clock;

	private final AuditLog audit;

	BulkRunActions(JdbcClient jdbc, TenantTransactions tx, Projects projects, Clock clock, AuditLog audit) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.clock = clock;
		this.audit = audit;
	}

	/** Which runs: listed ids, every run a filter finds (blank: all runs), or the runs one bulk delete deleted. */
	public sealed interface Target {

		record Ids(List<RunId> ids) implements Target {

			public Ids {
				if (ids.isEmpty()) {
					throw new InvalidRequestException("runIds must name at least one run");
				}
				if (ids.size() > MAX_IDS) {
					throw new InvalidRequestException("runIds must hold at most " + MAX_IDS
							+ " ids; act on a filter for more");
				}
				ids = List.copyOf(ids);
			}
		}

		/**
		 * {@code includeDeleted}: whether deleted runs count (the table's "show deleted"); {@code except}: runs left
		 * out although the filter finds them (the table's "all matching" with some rows unticked).
		 */
		record Matching(RunFilter filter, boolean includeDeleted, List<RunId> except) implements Target {

			public Matching {
				except = except == null ? List.of() : List.copyOf(except);
				if (except.size() > MAX_IDS) {
					throw new InvalidRequestException("exceptIds must hold at most " + MAX_IDS
							+ " ids; narrow the filter instead");
				}
			}

			public Matching(RunFilter filter, boolean includeDeleted) {
				this(filter, includeDeleted, List.of());
			}
		}

		record DeletedBy(UUID operationId) implements Target {
		}
	}

	public sealed interface Action {

		String name();

		record AddTags(Map<String, String> tags) implements Action {

			public AddTags {
				var validated = new TreeMap<String, String>();
				if (tags == null || tags.isEmpty()) {
					throw new InvalidRequestException("tags must hold at least one tag key → value for addTags");
				}
				tags.forEach((key, value) -> validated.put(TrackingLimits.key(key, "tag"), TrackingLimits.value(value,
						TrackingLimits.MAX_TAG_VALUE_LENGTH, "value of tag '" + key + "'")));
				tags = validated;
			}

			public String name() {
				return "addTags";
			}
		}

		record RemoveTags(List<String> keys) implements Action {

			public RemoveTags {
				if (keys == null || keys.isEmpty()) {
					throw new InvalidRequestException("tagKeys must name at least one tag key for removeTags");
				}
				keys = keys.stream().map(k -> TrackingLimits.key(k, "tag")).toList();
			}

			public String name() {
				return "removeTags";
			}
		}

		/** {@code group} null clears it. */
		record SetGroup(String group) implements Action {

			public SetGroup {
				group = group == null || group.isBlank() ? null
						: TrackingLimits.value(group, TrackingLimits.MAX_NAME_LENGTH, "group");
			}

			public String name() {
				return "setGroup";
			}
		}

		record Delete() implements Action {

			public String name() {
				return "delete";
			}
		}

		record Restore() implements Action {

			public String name() {
				return "restore";
			}
		}
	}

	/** How many runs changed; a delete's {@code operationId} undoes it (restore with that target). */
	public record Outcome(String action, long changed, UUID operationId) {
	}

	public Outcome apply(OrgId orgId, ProjectId projectId, Target target, Action action, Actor actor) {
		if (target instanceof Target.DeletedBy && !(action instanceof Action.Restore)) {
			throw new InvalidRequestException("operationId selects the runs a bulk delete deleted: only for restore");
		}
		var now = clock.instant();
		return tx.write(orgId, () -> {
			projects.get(orgId, projectId);
			var runs = new ArrayList<Object>();
			var selected = selected(orgId, projectId, target, action, runs, now);
			var operation = action instanceof Action.Delete ? UUID.randomUUID() : null;
			long changed = switch (action) {
				case Action.AddTags add -> jdbc.sql("""
						with changed as (
						  insert into run_tags (org_id, project_id, run_id, key, value)
						  select ?, ?, t.run_id, k, v from (%s) t cross join unnest(?::text[], ?::text[]) as kv(k, v)
						  on conflict (org_id, run_id, key) do update set value = excluded.value
						  where run_tags.value is distinct from excluded.value
						  returning run_id)
						select count(distinct run_id) from changed""".formatted(selected))
					.params(concat(List.of(orgId.value(), projectId.value()), runs,
							List.of(add.tags().keySet().toArray(String[]::new),
									add.tags().values().toArray(String[]::new))))
					.query(Long.class)
					.single();
				case Action.RemoveTags remove -> jdbc.sql("""
						with changed as (
						  delete from run_tags where org_id = ? and key = any(?) and run_id in (%s) returning run_id)
						select count(distinct run_id) from changed""".formatted(selected))
					.params(concat(List.of(orgId.value(), remove.keys().toArray(String[]::new)), runs, List.of()))
					.query(Long.class)
					.single();
				case Action.SetGroup set -> jdbc.sql("""
						update runs set run_group = ?::text where org_id = ? and run_id in (%s)
						and run_group is distinct from ?::text""".formatted(selected))
					.params(concat(nullable(set.group(), orgId.value()), runs, nullable(set.group())))
					.update();
				case Action.Delete delete -> jdbc.sql("""
						update runs set deleted_at = ?, deleted_by_operation = ?
						where org_id = ? and deleted_at is null and run_id in (%s)""".formatted(selected))
					.params(concat(List.of(Timestamp.from(now), operation, orgId.value()), runs, List.of()))
					.update();
				case Action.Restore restore -> jdbc.sql("""
						update runs set deleted_at = null, deleted_by_operation = null
						where org_id = ? and deleted_at is not null and run_id in (%s)""".formatted(selected))
					.params(concat(List.of(orgId.value()), runs, List.of()))
					.update();
			};
			var details = new TreeMap<String, Object>();
			details.put("action", action.name());
			details.put("runs", changed);
			switch (target) {
				case Target.Ids ids -> details.put("runIds", ids.ids().size());
				case Target.Matching matching -> {
					details.put("filter", matching.filter() == null ? "" : matching.filter().toFilterString());
					if (!matching.except().isEmpty()) {
						details.put("exceptIds", matching.except().size());
					}
				}
				case Target.DeletedBy by -> details.put("undoes", by.operationId().toString());
			}
			if (operation != null) {
				details.put("operationId", operation.toString());
			}
			audit.record(orgId, actor, "runs.bulk." + action.name(), "project", projectId.toString(), details);
			return new Outcome(action.name(), changed, operation);
		});
	}

	/** The subquery of the targeted runs' ids, its bind values added to {@code params}. */
	private String selected(OrgId orgId, ProjectId projectId, Target target, Action action, List<Object> params,
			Instant now) {
		switch (target) {
			case Target.Ids ids -> {
				params.addAll(List.of(orgId.value(), projectId.value(),
						ids.ids().stream().map(RunId::value).toArray(UUID[]::new)));
				return "select run_id from runs where org_id = ? and project_id = ? and run_id = any(?)";
			}
			case Target.Matching matching -> {
				// Restoring acts on deleted runs, so it looks among them whatever the table shows.
				var query = RunSearchSql.matching(orgId.value(), projectId.value(), matching.filter(),
						matching.includeDeleted() || action instanceof Action.Restore, now);
				params.addAll(query.params());
				if (matching.except().isEmpty()) {
					return query.sql();
				}
				// Ids the filter does not find (or of another project or tenant) leave nothing out: only a subtraction.
				params.add(matching.except().stream().map(RunId::value).toArray(UUID[]::new));
				return "select run_id from (" + query.sql() + ") matched where not (run_id = any(?))";
			}
			case Target.DeletedBy by -> {
				params.addAll(List.of(orgId.value(), projectId.value(), by.operationId()));
				return "select run_id from runs where org_id = ? and project_id = ? and deleted_by_operation = ?";
			}
		}
	}

	private static List<Object> concat(List<?> before, List<Object> runs, List<?> after) {
		var all = new ArrayList<Object>(before);
		all.addAll(runs);
		all.addAll(after);
		return all;
	}

	/** Bind values where one may be SQL null (List.of refuses null). */
	private static List<Object> nullable(Object... values) {
		var list = new ArrayList<Object>();
		Collections.addAll(list, values);
		return list;
	}
}
