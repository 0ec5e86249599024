package io.runledger.api.projects;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Project;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Slug;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects")
class ProjectsController {

	private final Projects projects;

	ProjectsController(Projects projects) {
		this.projects = projects;
	}

	record ProjectView(String id, String slug, String name, String description, Instant createdAt) {

		static ProjectView of(Project project) {
			return new ProjectView(project.id().toString(), project.slug().value(), project.name(),
					project.description(), project.createdAt());
		}
	}

	record CreateProject(String slug, String name, String description) {
	}

	record UpdateProject(String name, String description) {
	}

	@GetMapping
	@Requires(Permission.READ)
	@Operation(summary = "List the organisation's projects, ordered by slug (cursor-paginated)")
	Page<ProjectView> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return projects.list(caller.orgId(), PageRequest.of(limit, cursor)).map(ProjectView::of);
	}

	@Creates
	@PostMapping
	@Requires(Permission.MANAGE_PROJECTS)
	@Operation(summary = "Create a project; its slug is unique within the organisation")
	ResponseEntity<ProjectView> create(CallerIdentity caller, @RequestBody CreateProject body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var project = projects.create(caller.orgId(), new Slug(body.slug()),
				body.name() == null ? body.slug() : body.name(), body.description());
		return ResponseEntity.created(URI.create("/api/v1/projects/" + project.id())).body(ProjectView.of(project));
	}

	@GetMapping("/{projectId}")
	@Requires(Permission.READ)
	@Operation(summary = "Get one project")
	ProjectView get(CallerIdentity caller, @PathVariable String projectId) {
		return ProjectView.of(projects.get(caller.orgId(), ProjectId.parse(projectId)));
	}

	@PatchMapping("/{projectId}")
	@Requires(Permission.MANAGE_PROJECTS)
	@Operation(summary = "Rename a project or change its description")
	ProjectView update(CallerIdentity caller, @PathVariable String projectId, @RequestBody UpdateProject body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		return ProjectView.of(projects.update(caller.orgId(), ProjectId.parse(projectId), body.name(),
				body.description()));
	}

	@DeleteMapping("/{projectId}")
	@Requires(Permission.DELETE_PROJECTS)
	@Operation(summary = "Delete a project and everything in it")
	ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String projectId) {
		projects.delete(caller.orgId(), ProjectId.parse(projectId), caller.actor());
		return ResponseEntity.noContent().build();
	}
}
