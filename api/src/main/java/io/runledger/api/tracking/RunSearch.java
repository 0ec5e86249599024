package io.runledger.api.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunOrder;
import io.runledger.api.tracking.search.RunSearchSql;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.TenantTransactions;

/**
 * Searching a project's runs: the filter and order compile to parameterised SQL ({@link RunSearchSql}); the page's
 * runs are then loaded with their params, tags and metric summaries in three indexed queries.
 */
@Component
public class RunSearch {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final Clock clock;

	RunSearch(JdbcClient jdbc, TenantTransactions tx, Projects projects, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.clock = clock;
	}

	public record Request(String filter, List<String> orderBy, int limit, String cursor, boolean count,
			boolean includeDeleted) {
	}

	public record Found(Run run, Map<String, String> params, Map<String, String> tags,
			Map<String, SeriesReader.SeriesInfo> metrics) {
	}

	public record Result(List<Found> runs, String nextCursor, Long total) {
	}

	public Result search(OrgId orgId, ProjectId projectId, Request request) {
		var filter = request.filter() == null || request.filter().isBlank() ? null : RunFilter.parse(request.filter());
		var order = request.orderBy() == null || request.orderBy().isEmpty() ? RunOrder.DEFAULT
				: RunOrder.parse(request.orderBy());
		Instant now = clock.instant();
		var page = RunSearchSql.page(orgId.value(), projectId.value(), filter, order, request.limit() + 1,
				request.cursor(), request.includeDeleted(), now);
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			// A page of 50 never repays JIT compilation or parallel workers; both dominated slow searches.
			jdbc.sql("set local jit = off").update();
			jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
			// Plans depend on the filter's values and the probe size; a cached generic plan can be far worse.
			jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
			var rows = jdbc.sql(page.sql())
				.params(page.params())
				.query((rs, i) -> RunSearchSql.readRow(rs, page))
				.list();
			String next = null;
			if (rows.size() > request.limit()) {
				rows = rows.subList(0, request.limit());
				next = RunSearchSql.nextCursor(page.order(), rows.getLast());
			}
			Long total = null;
			if (request.count()) {
				var count = RunSearchSql.count(orgId.value(), projectId.value(), filter, request.includeDeleted(), now);
				total = jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
			}
			return new Result(load(orgId, rows.stream().map(RunSearchSql.Row::runId).toList()), next, total);
		});
	}

	/** A metric's last values over a group's runs; {@code runs} is how many of them have the metric. */
	public record MetricAggregate(long runs, Double mean, Double min, Double max) {
	}

	/** One value of the grouping key (null: the runs without it), how many runs have it, and the metric over them. */
	public record Group(String value, long runs, MetricAggregate metric) {
	}

	/** {@code truncated}: there were more than {@link RunSearchSql#MAX_GROUPS} groups; these are the largest. */
	public record Groups(List<Group> groups, boolean truncated) {
	}

	/**
	 * The runs a filter finds, grouped by a param, config entry, tag or text attribute ({@code groupBy} as the search
	 * language writes a field), with counts and, when a metric is named, the mean, min and max of its last values.
	 */
	public Groups groups(OrgId orgId, ProjectId projectId, String filterText, String groupBy, String metricKey,
			boolean includeDeleted) {
		if (groupBy == null || groupBy.isBlank()) {
			throw new InvalidRequestException("groupBy is required: params.<key>, config.<key>, tags.<key>, name, "
					+ "state, group or created_by");
		}
		var field = RunOrder.parse(List.of(groupBy)).keys().getFirst().field();
		var filter = filterText == null || filterText.isBlank() ? null : RunFilter.parse(filterText);
		var metric = metricKey == null || metricKey.isBlank() ? null : metricKey;
		var query = RunSearchSql.groups(orgId.value(), projectId.value(), filter, includeDeleted, clock.instant(),
				field, metric);
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			jdbc.sql("set local jit = off").update();
			var groups = jdbc.sql(query.sql()).params(query.params()).query((rs, i) -> new Group(rs.getString("value"),
					rs.getLong("runs"), metric == null ? null : new MetricAggregate(rs.getLong("metric_runs"),
							rs.getObject("metric_mean", Double.class), rs.getObject("metric_min", Double.class),
							rs.getObject("metric_max", Double.class))))
				.list();
			boolean truncated = groups.size() > RunSearchSql.MAX_GROUPS;
			return new Groups(truncated ? groups.subList(0, RunSearchSql.MAX_GROUPS) : groups, truncated);
		});
	}

	/** The runs with everything the runs table shows, in the given order. */
	List<Found> load(OrgId orgId, List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		var array = ids.toArray(UUID[]::new);
		var runs = new HashMap<UUID, Run>();
		jdbc.sql("select * from runs where org_id = ? and run_id = any(?)")
			.params(orgId.value(), array)
			.query(Runs::map)
			.list()
			.forEach(run -> runs.put(run.id().value(), run));
		var params = grouped("select run_id, key, value from run_params where org_id = ? and run_id = any(?) "
				+ "order by key", orgId, array);
		var tags = grouped("select run_id, key, value from run_tags where org_id = ? and run_id = any(?) order by key",
				orgId, array);
		var metrics = new HashMap<UUID, Map<String, SeriesReader.SeriesInfo>>();
		jdbc.sql("select * from metric_series where org_id = ? and run_id = any(?) order by display_key")
			.params(orgId.value(), array)
			.query((rs, i) -> SeriesReader.info(rs))
			.list()
			.forEach(info -> metrics.computeIfAbsent(info.runId().value(), k -> new LinkedHashMap<>())
				.put(info.displayKey(), info));
		var found = new ArrayList<Found>();
		for (var id : ids) {
			found.add(new Found(runs.get(id), params.getOrDefault(id, Map.of()), tags.getOrDefault(id, Map.of()),
					metrics.getOrDefault(id, Map.of())));
		}
		return found;
	}

	private Map<UUID, Map<String, String>> grouped(String sql, OrgId orgId, UUID[] ids) {
		var result = new HashMap<UUID, Map<String, String>>();
		jdbc.sql(sql).params(orgId.value(), ids).query(rs -> {
			result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
				.put(rs.getString(2), rs.getString(3));
		});
		return result;
	}
}
