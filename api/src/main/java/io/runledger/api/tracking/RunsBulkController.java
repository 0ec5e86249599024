package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.tracking.search.RunFilter;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Runs")
class RunsBulkController {

	private final BulkRunActions bulk;

	RunsBulkController(BulkRunActions bulk) {
		this.bulk = bulk;
	}

	record BulkBody(String action, List<String> runIds, String filter, Boolean includeDeleted, List<String> exceptIds,
			String operationId, Map<String, String> tags, List<String> tagKeys, String group) {
	}

	/** {@code operationId}: only for a delete; restore with it to undo exactly that delete. */
	record BulkAnswer(String action, long changed, String operationId) {
	}

	@PostMapping("/api/v1/projects/{projectId}/runs/bulk")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Tag, untag, move to a group, delete or restore many runs of a project at once",
			description = """
					Which runs, exactly one of: "runIds" (at most 10,000), "filter" (the search language; "" is every
					run; "includeDeleted" as for search; "exceptIds", at most 10,000, leaves those runs out: "all
					matching except these"), or "operationId" (restore only: the runs a bulk delete
					deleted, its undo). "action": addTags (with "tags" {key: value}), removeTags (with "tagKeys"),
					setGroup (with "group"; null or "" clears it), delete (soft; answers the operationId that undoes
					it), restore. Ids of other projects or organisations change nothing. Answers how many runs
					changed; one audit entry per call.""")
	BulkAnswer apply(CallerIdentity caller, @PathVariable String projectId, @RequestBody(required = false)
	BulkBody body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required: {action, runIds | filter | operationId}");
		}
		var project = ProjectId.parse(projectId);
		var outcome = bulk.apply(caller.orgId(), project, target(body), action(body), caller.actor());
		return new BulkAnswer(outcome.action(), outcome.changed(),
				outcome.operationId() == null ? null : outcome.operationId().toString());
	}

	private static BulkRunActions.Target target(BulkBody body) {
		int given = (body.runIds() != null ? 1 : 0) + (body.filter() != null ? 1 : 0)
				+ (body.operationId() != null ? 1 : 0);
		if (given != 1) {
			throw new InvalidRequestException("exactly one of runIds, filter or operationId is required, got " + given);
		}
		if (body.exceptIds() != null && body.filter() == null) {
			throw new InvalidRequestException("exceptIds leaves runs out of a filter: only with filter");
		}
		if (body.runIds() != null) {
			return new BulkRunActions.Target.Ids(runIds("runIds", body.runIds(), "act on a filter for more"));
		}
		if (body.operationId() != null) {
			try {
				return new BulkRunActions.Target.DeletedBy(UUID.fromString(body.operationId()));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidRequestException("operationId is not an operation id: '" + body.operationId() + "'");
			}
		}
		var filter = body.filter().isBlank() ? null : RunFilter.parse(body.filter());
		var except = body.exceptIds() == null ? List.<RunId>of()
				: runIds("exceptIds", body.exceptIds(), "narrow the filter instead");
		return new BulkRunActions.Target.Matching(filter, Boolean.TRUE.equals(body.includeDeleted()), except);
	}

	/** Parses a list of run ids, at most {@link BulkRunActions#MAX_IDS}, naming the field and index of a bad one. */
	private static List<RunId> runIds(String field, List<String> texts, String instead) {
		if (texts.size() > BulkRunActions.MAX_IDS) {
			throw new InvalidRequestException(field + " must hold at most " + BulkRunActions.MAX_IDS + " ids; " + instead);
		}
		var ids = new ArrayList<RunId>();
		for (int i = 0; i < texts.size(); i++) {
			var text = texts.get(i);
			try {
				ids.add(RunId.parse(text));
			}
			catch (RuntimeException e) {
				throw new InvalidRequestException(field + "[" + i + "] is not a run id: '" + text + "'");
			}
		}
		return ids;
	}

	private static BulkRunActions.Action action(BulkBody body) {
		if (body.action() == null) {
			throw new InvalidRequestException("action is required: addTags, removeTags, setGroup, delete or restore");
		}
		return switch (body.action()) {
			case "addTags" -> new BulkRunActions.Action.AddTags(body.tags());
			case "removeTags" -> new BulkRunActions.Action.RemoveTags(body.tagKeys());
			case "setGroup" -> new BulkRunActions.Action.SetGroup(body.group());
			case "delete" -> new BulkRunActions.Action.Delete();
			case "restore" -> new BulkRunActions.Action.Restore();
			default -> throw new InvalidRequestException("action must be one of addTags, removeTags, setGroup, delete, "
					+ "restore; got '" + body.action() + "'");
		};
	}
}
