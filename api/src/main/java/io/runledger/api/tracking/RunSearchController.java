package io.runledger.api.tracking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Runs")
class RunSearchController {

	static final int MAX_PAGE = 1000;

	private final RunSearch search;

	private final Runs runs;

	RunSearchController(RunSearch search, Runs runs) {
		this.search = search;
		this.runs = runs;
	}

	record SearchBody(String filter, List<String> orderBy, Integer limit, String cursor, Boolean count,
			List<String> columns, Boolean includeDeleted) {
	}

	record MetricCell(Double last, Double min, Double max, Long step, long count) {
	}

	/** {@code active} and {@code lastActivityTime} as in a run's view: false is "no recent activity". */
	record RunRow(String id, String name, String state, boolean active, Instant lastActivityTime, String group,
			String createdBy, Instant startTime, Instant endTime, boolean deleted, Map<String, String> params, Map<String, String> tags,
			Map<String, MetricCell> metrics) {
	}

	record SearchAnswer(List<RunRow> runs, String nextCursor, Long total) {
	}

	@PostMapping("/api/v1/projects/{projectId}/runs/search")
	@Requires(Permission.READ)
	@Operation(summary = "Search a project's runs: filter, sort, cursor pages, optional total count",
			description = """
					filter: e.g. "params.optimizer = 'adam' and (metrics.val_loss < 0.5 or tags.stage IN ('prod'))";
					fields are metrics.<key> (last value; min(metrics.<key>) and max(...) too), params.<key>,
					config.<dotted.key>, tags.<key> and attributes (name, state, group, created_by, started_at,
					ended_at, duration, run_id); operators = != < <= > >= LIKE ILIKE IN, NOT IN, IS [NOT] NULL; AND, OR,
					NOT and parentheses. orderBy: ["metrics.val_loss ASC", "started_at DESC"]; runs without the sort
					key come last. columns: which params.<key>/tags.<key>/metrics.<key> to return (default: all).""")
	SearchAnswer search(CallerIdentity caller, @PathVariable String projectId, @RequestBody(required = false)
	SearchBody body) {
		var b = body == null ? new SearchBody(null, null, null, null, null, null, null) : body;
		int limit = b.limit() == null ? 50 : b.limit();
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidRequestException("limit must be between 1 and " + MAX_PAGE);
		}
		var result = search.search(caller.orgId(), ProjectId.parse(projectId), new RunSearch.Request(b.filter(),
				b.orderBy(), limit, b.cursor(), Boolean.TRUE.equals(b.count()), Boolean.TRUE.equals(b.includeDeleted())));
		var columns = Columns.of(b.columns());
		return new SearchAnswer(result.runs().stream().map(found -> row(found, columns)).toList(),
				result.nextCursor(), result.total());
	}

	record GroupsBody(String filter, String groupBy, String metric, Boolean includeDeleted) {
	}

	@PostMapping("/api/v1/projects/{projectId}/runs/search/groups")
	@Requires(Permission.READ)
	@Operation(summary = "Group the runs a search finds by a param, config entry, tag or attribute, with counts",
			description = """
					Body: {"filter" (as for search), "groupBy": "params.optimizer" | "config.<dotted.key>" |
					"tags.<key>" | "name" | "state" | "group" | "created_by", "metric" (optional display key)}.
					Each group: the value (null for runs without it), how many runs, and for the metric how many of them
					have it and the mean, min and max of their last values. Largest groups first; at most 1000
					(truncated says there were more).""")
	RunSearch.Groups groups(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody(required = false) GroupsBody body) {
		var b = body == null ? new GroupsBody(null, null, null, null) : body;
		return search.groups(caller.orgId(), ProjectId.parse(projectId), b.filter(), b.groupBy(), b.metric(),
				Boolean.TRUE.equals(b.includeDeleted()));
	}

	private RunRow row(RunSearch.Found found, Columns columns) {
		var run = found.run();
		var metrics = new LinkedHashMap<String, MetricCell>();
		found.metrics().forEach((key, info) -> {
			if (columns.metric(key)) {
				metrics.put(key, new MetricCell(info.lastValue(), info.min(), info.max(), info.lastStep(),
						info.pointCount()));
			}
		});
		var params = new LinkedHashMap<String, String>();
		found.params().forEach((key, value) -> {
			if (columns.param(key)) {
				params.put(key, value);
			}
		});
		var tags = new LinkedHashMap<String, String>();
		found.tags().forEach((key, value) -> {
			if (columns.tag(key)) {
				tags.put(key, value);
			}
		});
		return new RunRow(run.id().toString(), run.name(), run.state().name(), runs.active(run), run.heartbeatAt(),
				run.group(), run.createdBy(), run.startedAt(), run.endedAt(), run.deletedAt() != null, params, tags, metrics);
	}

	/** Which key-valued columns the caller asked for; none listed means all. */
	private record Columns(List<String> listed) {

		static Columns of(List<String> columns) {
			return new Columns(columns == null ? List.of() : columns);
		}

		boolean metric(String key) {
			return listed.isEmpty() || listed.contains("metrics." + key) || listed.contains("metrics.*");
		}

		boolean param(String key) {
			return listed.isEmpty() || listed.contains("params." + key) || listed.contains("config." + key)
					|| listed.contains("params.*");
		}

		boolean tag(String key) {
			return listed.isEmpty() || listed.contains("tags." + key) || listed.contains("tags.*");
		}
	}
}
