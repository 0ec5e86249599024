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

	record BulkBody(String action, List<String> runIds, String filter, Boolean includeDeleted, String operationId,
			Map<String, String> tags, List<String> tagKeys, String group) {
	}

	/** {@code operationId}: only for a delete; restore with it to undo exactly that delete. */
	record BulkAnswer(String action, long changed, String operationId) {
	}

	@PostMapping("/api/v1/projects/{projectId}/runs/bulk")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Tag, untag, move to a group, delete or restore many runs of a project at once",
			description = """
					Which runs, exactly one of: "runIds" (at most 10,000), "filter" (the search language; "" is every
					run; "includeDeleted" as for search), or "operationId" (restore only: the runs a bulk delete
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
		if (body.runIds() != null) {
			if (body.runIds().size() > BulkRunActions.MAX_IDS) {
				throw new InvalidRequestException("runIds must hold at most " + BulkRunActions.MAX_IDS
						+ " ids; act on a filter for more");
			}
			var ids = new ArrayList<RunId>();
			for (int i = 0; i < body.runIds().size(); i++) {
				var text = body.runIds().get(i);
				try {
					ids.add(RunId.parse(text));
				}
				catch (RuntimeException e) {
					throw new InvalidRequestException("runIds[" + i + "] is not a run id: '" + text + "'");
				}
			}
			return new BulkRunActions.Target.Ids(ids);
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
		return new BulkRunActions.Target.Matching(filter, Boolean.TRUE.equals(body.includeDeleted()));
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
