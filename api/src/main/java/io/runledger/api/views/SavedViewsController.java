package io.runledger.api.views;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Saved views")
class SavedViewsController {

	private static final String BODY_HELP = """
			Body: {"name" (required, unique in the project), "query" (a run search filter), "columns" (column ids in
			order), "sort" {"column", "direction": "asc" | "desc"}, "groupBy" (a column id), "charts" {"xAxis": step |
			relative | timestamp, "smoothing" (EMA weight in [0, 1)), "logScale", "hidden"}, "widths" {column id: pixels,
			40 to 2000}, "pinned" (column ids pinned to the left)}. Only "name" is required.""";

	private final SavedViews views;

	SavedViewsController(SavedViews views) {
		this.views = views;
	}

	record ViewBody(String name, String query, List<String> columns, ViewLayout.Sort sort, String groupBy,
			ViewLayout.Charts charts, Map<String, Integer> widths, List<String> pinned) {

		static ViewBody required(ViewBody body) {
			if (body == null) {
				throw new InvalidRequestException("request body is required: " + BODY_HELP);
			}
			return body;
		}

		ViewLayout layout() {
			return ViewLayout.checked(query, columns, sort, groupBy, charts, widths, pinned);
		}
	}

	/** {@code mayChange}: whether the caller may update or delete it (its creator, or an admin). */
	record SavedViewView(String id, String projectId, String name, String query, List<String> columns,
			ViewLayout.Sort sort, String groupBy, ViewLayout.Charts charts, Map<String, Integer> widths,
			List<String> pinned, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
			boolean mayChange) {

		static SavedViewView of(SavedView view, CallerIdentity caller) {
			var layout = view.layout();
			return new SavedViewView(view.id().toString(), view.projectId().toString(), view.name(), layout.query(),
					layout.columns(), layout.sort(), layout.groupBy(), layout.charts(),
					layout.widths() == null ? Map.of() : layout.widths(),
					layout.pinned() == null ? List.of() : layout.pinned(), view.createdBy(),
					view.createdAt(), view.updatedBy(), view.updatedAt(), SavedViews.mayChange(caller, view));
		}
	}

	@Creates
	@PostMapping("/api/v1/projects/{projectId}/views")
	@Requires(Permission.SAVE_VIEWS)
	@Operation(summary = "Save a view of the project's runs under a name, shared with the project",
			description = BODY_HELP)
	ResponseEntity<SavedViewView> create(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody(required = false) ViewBody body) {
		var project = ProjectId.parse(projectId);
		var checked = ViewBody.required(body);
		var view = views.create(caller.orgId(), project, checked.name(), checked.layout(), caller.actor());
		return ResponseEntity.created(URI.create("/api/v1/views/" + view.id()))
			.body(SavedViewView.of(view, caller));
	}

	@GetMapping("/api/v1/projects/{projectId}/views")
	@Requires(Permission.READ)
	@Operation(summary = "A project's saved views, by name")
	Page<SavedViewView> list(CallerIdentity caller, @PathVariable String projectId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return views.list(caller.orgId(), ProjectId.parse(projectId), PageRequest.of(limit, cursor))
			.map(view -> SavedViewView.of(view, caller));
	}

	@GetMapping("/api/v1/views/{viewId}")
	@Requires(Permission.READ)
	@Operation(summary = "One saved view")
	SavedViewView get(CallerIdentity caller, @PathVariable String viewId) {
		return SavedViewView.of(views.get(caller.orgId(), SavedViewId.parse(viewId)), caller);
	}

	@PutMapping("/api/v1/views/{viewId}")
	@Requires(Permission.SAVE_VIEWS)
	@Operation(summary = "Replace a saved view's name and layout (its creator, or an admin)", description = BODY_HELP)
	SavedViewView update(CallerIdentity caller, @PathVariable String viewId,
			@RequestBody(required = false) ViewBody body) {
		var id = SavedViewId.parse(viewId);
		var checked = ViewBody.required(body);
		return SavedViewView.of(views.update(caller, id, checked.name(), checked.layout()), caller);
	}

	@DeleteMapping("/api/v1/views/{viewId}")
	@Requires(Permission.SAVE_VIEWS)
	@Operation(summary = "Delete a saved view (its creator, or an admin)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CallerIdentity caller, @PathVariable String viewId) {
		views.delete(caller, SavedViewId.parse(viewId));
	}
}
