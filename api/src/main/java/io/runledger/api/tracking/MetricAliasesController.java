package io.runledger.api.tracking;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Metric aliases")
class MetricAliasesController {

	private final MetricAliases aliases;

	private final Projects projects;

	MetricAliasesController(MetricAliases aliases, Projects projects) {
		this.aliases = aliases;
		this.projects = projects;
	}

	record CreateAlias(String sourceKey, String aliasKey, List<String> runIds) {
	}

	record AliasView(String id, String sourceKey, String aliasKey, List<String> runIds, Instant createdAt,
			String createdBy) {

		static AliasView of(MetricAliases.Alias alias) {
			return new AliasView(alias.id().toString(), alias.sourceKey(), alias.aliasKey(),
					alias.runIds().stream().map(RunId::toString).toList(), alias.createdAt(), alias.createdBy());
		}
	}

	@GetMapping("/api/v1/projects/{projectId}/metric-aliases")
	@Requires(Permission.READ)
	@Operation(summary = "Metric renames in force in a project, oldest first (cursor-paginated)")
	Page<AliasView> list(CallerIdentity caller, @PathVariable String projectId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		var id = ProjectId.parse(projectId);
		projects.get(caller.orgId(), id);
		return aliases.list(caller.orgId(), id, PageRequest.of(limit, cursor)).map(AliasView::of);
	}

	@Creates
	@PostMapping("/api/v1/projects/{projectId}/metric-aliases")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Rename a logged metric key for the whole project, or only for the given runs",
			description = "Raw points are not rewritten; reads, charts and search use the new name.")
	ResponseEntity<AliasView> create(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody CreateAlias body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var id = ProjectId.parse(projectId);
		projects.get(caller.orgId(), id);
		var runIds = body.runIds() == null ? List.<RunId>of() : body.runIds().stream().map(RunId::parse).toList();
		var alias = aliases.create(caller.orgId(), id, body.sourceKey(), body.aliasKey(), runIds, caller.actor());
		return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/metric-aliases/" + alias.id()))
			.body(AliasView.of(alias));
	}

	@DeleteMapping("/api/v1/projects/{projectId}/metric-aliases/{aliasId}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Remove a rename; the metric shows under its logged key again")
	ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String projectId, @PathVariable String aliasId) {
		UUID alias;
		try {
			alias = UUID.fromString(aliasId);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("alias id must be a UUID");
		}
		aliases.delete(caller.orgId(), ProjectId.parse(projectId), alias);
		return ResponseEntity.noContent().build();
	}
}
