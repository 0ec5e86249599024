package io.runledger.api.reports;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Reports")
class ReportsController {

	private final Reports reports;

	private final ReportRenderer renderer;

	private final ReportComments comments;

	ReportsController(Reports reports, ReportRenderer renderer, ReportComments comments) {
		this.reports = reports;
		this.renderer = renderer;
		this.comments = comments;
	}

	record ReportView(String id, String projectId, int version, String title, String description, JsonNode blocks,
			String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

		static ReportView of(Report report) {
			return new ReportView(report.id().toString(), report.projectId().toString(), report.version(),
					report.content().title(), report.content().description(),
					ReportJson.write(report.content().blocks()), report.createdBy(), report.createdAt(),
					report.updatedBy(), report.updatedAt());
		}
	}

	record ReportSummary(String id, String title, int version, String updatedBy, Instant updatedAt) {
	}

	record ReportList(List<ReportSummary> items) {
	}

	record VersionView(int version, String title, String description, JsonNode blocks, String savedBy,
			Instant savedAt, Integer restoredFrom) {

		static VersionView of(ReportVersion v) {
			return new VersionView(v.version(), v.content().title(), v.content().description(),
					ReportJson.write(v.content().blocks()), v.savedBy(), v.savedAt(), v.restoredFrom());
		}
	}

	record VersionSummary(int version, String title, String savedBy, Instant savedAt, Integer restoredFrom) {
	}

	record VersionList(List<VersionSummary> items) {
	}

	record RestoreBody(Integer version) {
	}

	record CommentBody(String body, String blockId) {
	}

	record CommentView(String id, String blockId, String body, String author, Instant createdAt) {

		static CommentView of(ReportComments.Comment c) {
			return new CommentView(c.id().toString(), c.blockId(), c.body(), c.author(), c.createdAt());
		}
	}

	record CommentList(List<CommentView> items) {
	}

	private static final String BLOCKS_HELP = """
			Blocks, in order, each {"id" (optional, kept across saves), "type", ...}: markdown {text}; lineChart
			{title, runSet, metrics, xAxis (step, timestamp, relative, metric:<key>), mode (LTTB default, BUCKETS,
			RAW), points (default 250, at most 2000), smoothing (EMA weight in [0, 1))}; runsTable {title, runSet,
			columns (name, state, group, created_by, started_at, ended_at, params.<key>, config.<key>, tags.<key>,
			metrics.<key>, min(metrics.<key>), max(metrics.<key>))}; scalarComparison {title, runSet, metrics,
			aggregate (last, min, max)}; artifactReference {artifactName, version or alias}. A runSet is
			{"runIds": [...]} (fixed, runs of this project) or {"filter": "<run search>", "orderBy": [...], "limit": 100}
			(live: evaluated at every render). Limits: 100 blocks, 30 panels, 200 runs per run set, 20 metrics.""";

	@Creates
	@PostMapping("/api/v1/projects/{projectId}/reports")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Create a report in a project (version 1)", description = BLOCKS_HELP)
	ResponseEntity<ReportView> create(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody(required = false) JsonNode body) {
		var project = ProjectId.parse(projectId);
		var report = reports.create(caller.orgId(), project, ReportJson.read(body), caller.actor());
		return ResponseEntity.created(URI.create("/api/v1/reports/" + report.id())).body(ReportView.of(report));
	}

	@GetMapping("/api/v1/projects/{projectId}/reports")
	@Requires(Permission.READ)
	@Operation(summary = "A project's reports, most recently saved first")
	ReportList list(CallerIdentity caller, @PathVariable String projectId) {
		return new ReportList(reports.list(caller.orgId(), ProjectId.parse(projectId)).stream()
			.map(r -> new ReportSummary(r.id().toString(), r.content().title(), r.version(), r.updatedBy(),
					r.updatedAt()))
			.toList());
	}

	@GetMapping("/api/v1/reports/{reportId}")
	@Requires(Permission.READ)
	@Operation(summary = "A report's current version")
	ReportView get(CallerIdentity caller, @PathVariable String reportId) {
		return ReportView.of(reports.get(caller.orgId(), ReportId.parse(reportId)));
	}

	@PutMapping("/api/v1/reports/{reportId}")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Save a report as its next version",
			description = "Body: {\"version\": <the version you edited>, \"title\", \"description\", \"blocks\"}. "
					+ "If someone saved since that version the answer is 409 and nothing changes. " + BLOCKS_HELP)
	ReportView save(CallerIdentity caller, @PathVariable String reportId, @RequestBody(required = false) JsonNode body) {
		var id = ReportId.parse(reportId);
		var content = ReportJson.read(body);
		return ReportView.of(reports.save(caller.orgId(), id, basedOn(body), content, caller.actor()));
	}

	@DeleteMapping("/api/v1/reports/{reportId}")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Delete a report with its versions, comments and share links")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CallerIdentity caller, @PathVariable String reportId) {
		reports.delete(caller.orgId(), ReportId.parse(reportId), caller.actor());
	}

	@GetMapping("/api/v1/reports/{reportId}/versions")
	@Requires(Permission.READ)
	@Operation(summary = "A report's versions, newest first: who saved each and when")
	VersionList versions(CallerIdentity caller, @PathVariable String reportId) {
		return new VersionList(reports.versions(caller.orgId(), ReportId.parse(reportId)).stream()
			.map(v -> new VersionSummary(v.version(), v.content().title(), v.savedBy(), v.savedAt(), v.restoredFrom()))
			.toList());
	}

	@GetMapping("/api/v1/reports/{reportId}/versions/{version}")
	@Requires(Permission.READ)
	@Operation(summary = "One old version of a report, in full")
	VersionView version(CallerIdentity caller, @PathVariable String reportId, @PathVariable String version) {
		var id = ReportId.parse(reportId);
		return VersionView.of(reports.version(caller.orgId(), id, versionNumber(id, version)));
	}

	@PostMapping("/api/v1/reports/{reportId}/versions/{version}/restore")
	@Requires(Permission.EDIT_REPORTS)
	@Operation(summary = "Restore an old version: saves its content as the next version",
			description = "Body: {\"version\": <the current version you saw>}; stale answers 409 like a save.")
	ReportView restore(CallerIdentity caller, @PathVariable String reportId, @PathVariable String version,
			@RequestBody(required = false) RestoreBody body) {
		var id = ReportId.parse(reportId);
		int old = versionNumber(id, version);
		if (body == null || body.version() == null) {
			throw new InvalidRequestException("version is required: the current version you restore over");
		}
		return ReportView.of(reports.restore(caller.orgId(), id, old, body.version(), caller.actor()));
	}

	@GetMapping("/api/v1/reports/{reportId}/data")
	@Requires(Permission.READ)
	@Operation(summary = "The data of every panel of the report's current version, in one answer",
			description = "Charts come downsampled server-side (per the panel's mode and points), tables and "
					+ "comparisons from the runs' metric summaries. Live run sets are evaluated now.")
	RenderedReport data(CallerIdentity caller, @PathVariable String reportId) {
		var report = reports.get(caller.orgId(), ReportId.parse(reportId));
		return renderer.render(caller.orgId(), report.projectId(), report.id(), report.version(), report.content());
	}

	@GetMapping("/api/v1/reports/{reportId}/versions/{version}/data")
	@Requires(Permission.READ)
	@Operation(summary = "The data of every panel of an old version, rendered now (live run sets evaluated now)")
	RenderedReport versionData(CallerIdentity caller, @PathVariable String reportId, @PathVariable String version) {
		var id = ReportId.parse(reportId);
		var report = reports.get(caller.orgId(), id);
		var old = reports.version(caller.orgId(), id, versionNumber(id, version));
		return renderer.render(caller.orgId(), report.projectId(), id, old.version(), old.content());
	}

	@GetMapping("/api/v1/reports/{reportId}/comments")
	@Requires(Permission.READ)
	@Operation(summary = "Comments on the report and its blocks, oldest first")
	CommentList comments(CallerIdentity caller, @PathVariable String reportId) {
		return new CommentList(comments.list(caller.orgId(), ReportId.parse(reportId)).stream()
			.map(CommentView::of)
			.toList());
	}

	@Creates
	@PostMapping("/api/v1/reports/{reportId}/comments")
	@Requires(Permission.COMMENT)
	@Operation(summary = "Comment on the report, or on one block (blockId); viewers may comment")
	@ResponseStatus(HttpStatus.CREATED)
	CommentView comment(CallerIdentity caller, @PathVariable String reportId,
			@RequestBody(required = false) CommentBody body) {
		var id = ReportId.parse(reportId);
		if (body == null) {
			throw new InvalidRequestException("request body is required: {\"body\": \"...\", \"blockId\": optional}");
		}
		return CommentView.of(comments.add(caller.orgId(), id, body.blockId(), body.body(), caller.actor()));
	}

	private static int basedOn(JsonNode body) {
		var version = body.get("version");
		if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
			throw new InvalidRequestException(
					"version is required: the version you edited, so a save over someone else's is refused");
		}
		return version.intValue();
	}

	private static int versionNumber(ReportId id, String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException e) {
			throw new NotFoundException("version", id + "/" + text);
		}
	}
}
