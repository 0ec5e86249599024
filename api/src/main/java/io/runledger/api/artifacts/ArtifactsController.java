package io.runledger.api.artifacts;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.storage.ObjectPath;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Artifacts")
class ArtifactsController {

	private final Artifacts artifacts;

	private final ArtifactFiles files;

	private final Lineage lineage;

	private final Downloads downloads;

	private final JsonMapper json = JsonMapper.builder().build();

	ArtifactsController(Artifacts artifacts, ArtifactFiles files, Lineage lineage, Downloads downloads) {
		this.artifacts = artifacts;
		this.downloads = downloads;
		this.files = files;
		this.lineage = lineage;
	}

	record CreateVersion(String name, String type, String description, JsonNode metadata, String runId) {
	}

	record Commit(List<String> aliases) {
	}

	record StartMultipart(String path, Long size, String sha256) {
	}

	record AliasTarget(String version) {
	}

	record LineageLink(String artifactId, String version) {
	}

	record FileView(String path, Long size, String sha256, Instant storedAt) {

		static FileView of(ArtifactFiles.StoredFile file) {
			return new FileView(file.path().value(), file.size(), file.sha256(), file.storedAt());
		}
	}

	record VersionView(String artifactId, String name, String type, int version, String ref, String state,
			List<String> aliases, String description, JsonNode metadata, int fileCount, long totalBytes,
			String createdBy, Instant createdAt, Instant committedAt, Instant deletedAt, Lineage.Producer producedBy,
			List<FileView> files) {
	}

	record ArtifactView(String id, String projectId, String name, String type, Instant createdAt,
			List<VersionView> versions) {
	}

	record MultipartView(String fileId, String path, long size, long partSize, Instant expiresAt,
			List<ArtifactFiles.PartUrl> parts) {

		static MultipartView of(ArtifactFiles.MultipartUpload upload) {
			var file = upload.file();
			return new MultipartView(file.fileId().toString(), file.path().value(), file.expectedSize(),
					upload.partSize(), upload.expiresAt(), upload.parts());
		}
	}

	record UrlView(URI url, Instant expiresAt) {
	}

	// ------------------------------------------------------------------------------------------------ versions

	@Creates
	@PostMapping("/api/v1/projects/{projectId}/artifacts")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Start a new version (a draft) of a named artifact, creating the artifact on first use; "
			+ "upload its files, then commit it")
	ResponseEntity<VersionView> createVersion(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody CreateVersion body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		if (body.metadata() != null && !body.metadata().isObject() && !body.metadata().isNull()) {
			throw new InvalidRequestException("metadata must be a JSON object");
		}
		var draft = artifacts.createDraft(caller.orgId(), ProjectId.parse(projectId),
				new Artifacts.NewVersion(body.name(), body.type(), body.description(),
						body.metadata() == null || body.metadata().isNull() ? null : json.writeValueAsString(body.metadata()),
						body.runId() == null ? null : RunId.parse(body.runId())),
				caller.actor());
		return ResponseEntity
			.created(URI.create("/api/v1/artifacts/" + draft.artifactId() + "/versions/" + draft.version()))
			.body(view(caller, draft, true));
	}

	@PostMapping("/api/v1/artifacts/{artifactId}/versions/{version}/commit")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Make a draft visible with all its files (every upload must be complete); moves 'latest' "
			+ "and the given aliases to it")
	VersionView commit(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@RequestBody(required = false) Commit body) {
		var committed = artifacts.commit(caller.orgId(), ArtifactId.parse(artifactId), number(version),
				body == null ? List.of() : body.aliases());
		return view(caller, committed, true);
	}

	@GetMapping("/api/v1/projects/{projectId}/artifacts")
	@Requires(Permission.READ)
	@Operation(summary = "The project's named artifacts with their newest version, by name (cursor-paginated)")
	Page<ArtifactView> list(CallerIdentity caller, @PathVariable String projectId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return artifacts.list(caller.orgId(), ProjectId.parse(projectId), PageRequest.of(limit, cursor)).map(a -> {
			var latest = artifacts.resolve(caller.orgId(), a.id(), new VersionRef.Alias(Artifacts.LATEST));
			return new ArtifactView(a.id().toString(), a.projectId().toString(), a.name(), a.type(), a.createdAt(),
					List.of(view(caller, latest, false)));
		});
	}

	@GetMapping("/api/v1/projects/{projectId}/artifacts/resolve")
	@Requires(Permission.READ)
	@Operation(summary = "A version by reference name:version or name:alias (name:v3, name:latest, name:best)")
	VersionView resolve(CallerIdentity caller, @PathVariable String projectId, @RequestParam String ref) {
		int colon = ref.lastIndexOf(':');
		var name = colon < 0 ? ref : ref.substring(0, colon);
		var version = colon < 0 ? Artifacts.LATEST : ref.substring(colon + 1);
		var artifact = artifacts.byName(caller.orgId(), ProjectId.parse(projectId), Artifacts.name(name));
		return view(caller, artifacts.resolve(caller.orgId(), artifact.id(), VersionRef.parse(version)), true);
	}

	@GetMapping("/api/v1/artifacts/{artifactId}")
	@Requires(Permission.READ)
	@Operation(summary = "An artifact with its committed versions, newest first, each with the run that produced it; "
			+ "deleted=true adds the deleted ones that can still be restored (state DELETED)")
	ArtifactView artifact(CallerIdentity caller, @PathVariable String artifactId,
			@RequestParam(defaultValue = "false") boolean deleted) {
		var id = ArtifactId.parse(artifactId);
		var artifact = artifacts.artifact(caller.orgId(), id);
		var producers = lineage.producers(caller.orgId(), id);
		var versions = artifacts.versions(caller.orgId(), id, deleted)
			.stream()
			.map(v -> view(caller, v, false, producers.get(v.version())))
			.toList();
		return new ArtifactView(artifact.id().toString(), artifact.projectId().toString(), artifact.name(),
				artifact.type(), artifact.createdAt(), versions);
	}

	@GetMapping("/api/v1/artifacts/{artifactId}/versions/{version}")
	@Requires(Permission.READ)
	@Operation(summary = "A committed version (by number, v-number or alias) with its files")
	VersionView version(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version) {
		var id = ArtifactId.parse(artifactId);
		return view(caller, artifacts.resolve(caller.orgId(), id, VersionRef.parse(version)), true);
	}

	@DeleteMapping("/api/v1/artifacts/{artifactId}/versions/{version}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Delete a version (soft: its objects are removed after the retention period)")
	ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version) {
		artifacts.delete(caller.orgId(), ArtifactId.parse(artifactId), VersionRef.parse(version), caller.actor());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/artifacts/{artifactId}/versions/{version}/restore")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Restore a deleted version during the retention period (its aliases other than latest are not "
			+ "restored)")
	VersionView restore(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version) {
		return view(caller, artifacts.restore(caller.orgId(), ArtifactId.parse(artifactId), number(version),
				caller.actor()), true);
	}

	@PutMapping("/api/v1/artifacts/{artifactId}/aliases/{alias}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Point an alias (best, production, ...) at a committed version; 'latest' moves by itself")
	VersionView setAlias(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String alias,
			@RequestBody AliasTarget body) {
		if (body == null || body.version() == null) {
			throw new InvalidRequestException("version is required");
		}
		var id = ArtifactId.parse(artifactId);
		artifacts.setAlias(caller.orgId(), id, alias, VersionRef.parse(body.version()));
		return view(caller, artifacts.resolve(caller.orgId(), id, new VersionRef.Alias(alias)), false);
	}

	@DeleteMapping("/api/v1/artifacts/{artifactId}/aliases/{alias}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Remove an alias")
	ResponseEntity<Void> removeAlias(CallerIdentity caller, @PathVariable String artifactId,
			@PathVariable String alias) {
		artifacts.removeAlias(caller.orgId(), ArtifactId.parse(artifactId), alias);
		return ResponseEntity.noContent().build();
	}

	// ------------------------------------------------------------------------------------------------ files

	@PutMapping("/api/v1/artifacts/{artifactId}/versions/{version}/file")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Upload one file of a draft, streamed (Content-Length required; optional X-Content-SHA256 "
			+ "is verified); large files use a presigned multipart upload")
	ResponseEntity<FileView> upload(CallerIdentity caller, @PathVariable String artifactId,
			@PathVariable String version, @RequestParam String path,
			@RequestHeader(name = Downloads.SHA256_HEADER, required = false) String sha256, HttpServletRequest request)
			throws IOException {
		var id = ArtifactId.parse(artifactId);
		int number = number(version);
		var file = files.upload(caller.orgId(), id, number, ObjectPath.of(path), request.getInputStream(),
				request.getContentLengthLong(), sha256);
		return ResponseEntity.status(201).body(FileView.of(file));
	}

	@Creates
	@PostMapping("/api/v1/artifacts/{artifactId}/versions/{version}/multipart")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Start a presigned multipart upload of one large file of a draft: answers one PUT URL per "
			+ "part; then complete it")
	ResponseEntity<MultipartView> startMultipart(CallerIdentity caller, @PathVariable String artifactId,
			@PathVariable String version, @RequestBody StartMultipart body) {
		if (body == null || body.size() == null) {
			throw new InvalidRequestException("path, size and sha256 are required");
		}
		var upload = files.startMultipart(caller.orgId(), ArtifactId.parse(artifactId), number(version),
				ObjectPath.of(body.path()), body.size(), body.sha256());
		return ResponseEntity.status(201).body(MultipartView.of(upload));
	}

	@GetMapping("/api/v1/artifacts/{artifactId}/versions/{version}/multipart/{fileId}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "An open multipart upload with fresh part URLs (they expire; a large file may outlast them)")
	MultipartView renewMultipart(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@PathVariable String fileId) {
		return MultipartView.of(files.renewMultipart(caller.orgId(), ArtifactId.parse(artifactId), number(version),
				ArtifactId.uuid(fileId, "file id")));
	}

	@PostMapping("/api/v1/artifacts/{artifactId}/versions/{version}/multipart/{fileId}/complete")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Complete a multipart upload: checks every part's size and the file's SHA-256")
	FileView completeMultipart(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@PathVariable String fileId) {
		return FileView.of(files.completeMultipart(caller.orgId(), ArtifactId.parse(artifactId), number(version),
				ArtifactId.uuid(fileId, "file id")));
	}

	@DeleteMapping("/api/v1/artifacts/{artifactId}/versions/{version}/multipart/{fileId}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Abort a multipart upload")
	ResponseEntity<Void> abortMultipart(CallerIdentity caller, @PathVariable String artifactId,
			@PathVariable String version, @PathVariable String fileId) {
		files.abortMultipart(caller.orgId(), ArtifactId.parse(artifactId), number(version), ArtifactId.uuid(fileId, "file id"));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/artifacts/{artifactId}/versions/{version}/file")
	@Requires(Permission.READ)
	@Operation(summary = "Download one file of a committed version (X-Content-SHA256 carries its checksum): files over "
			+ "runledger.artifacts.redirect-threshold (8 MiB) answer 307 to a short-lived presigned URL of the object "
			+ "store, smaller ones and proxy=true are streamed; HEAD and a single byte Range are served")
	void download(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@RequestParam String path, HttpServletRequest request, HttpServletResponse response) {
		downloads.send(request, response, files.download(caller.orgId(), ArtifactId.parse(artifactId),
				VersionRef.parse(version), ObjectPath.of(path)));
	}

	@GetMapping("/api/v1/artifacts/{artifactId}/versions/{version}/file-url")
	@Requires(Permission.READ)
	@Operation(summary = "A short-lived presigned URL that downloads exactly this file")
	UrlView downloadUrl(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@RequestParam String path) {
		var until = files.presignedUntil();
		return new UrlView(files.presignDownload(caller.orgId(), ArtifactId.parse(artifactId),
				VersionRef.parse(version), ObjectPath.of(path)), until);
	}

	// ------------------------------------------------------------------------------------------------ lineage

	@PostMapping("/api/v1/runs/{runId}/artifact-inputs")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Declare that a run consumed an artifact version")
	ResponseEntity<Void> declareInput(CallerIdentity caller, @PathVariable String runId,
			@RequestBody LineageLink body) {
		return declare(caller, runId, body, Lineage.Edge.Kind.INPUT);
	}

	@PostMapping("/api/v1/runs/{runId}/artifact-outputs")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Declare that a run produced an artifact version (one producer per version)")
	ResponseEntity<Void> declareOutput(CallerIdentity caller, @PathVariable String runId,
			@RequestBody LineageLink body) {
		return declare(caller, runId, body, Lineage.Edge.Kind.OUTPUT);
	}

	private ResponseEntity<Void> declare(CallerIdentity caller, String runId, LineageLink body, Lineage.Edge.Kind kind) {
		if (body == null || body.artifactId() == null || body.version() == null) {
			throw new InvalidRequestException("artifactId and version are required");
		}
		lineage.link(caller.orgId(), RunId.parse(runId), ArtifactId.parse(body.artifactId()),
				VersionRef.parse(body.version()), kind);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/runs/{runId}/lineage")
	@Requires(Permission.READ)
	@Operation(summary = "The lineage graph around a run: upstream, downstream or both, up to depth hops")
	Lineage.Graph runLineage(CallerIdentity caller, @PathVariable String runId,
			@RequestParam(defaultValue = "both") String direction, @RequestParam(defaultValue = "5") int depth) {
		return lineage.ofRun(caller.orgId(), RunId.parse(runId), Lineage.Direction.parse(direction), depth);
	}

	@GetMapping("/api/v1/artifacts/{artifactId}/versions/{version}/lineage")
	@Requires(Permission.READ)
	@Operation(summary = "The lineage graph around an artifact version: upstream, downstream or both")
	Lineage.Graph versionLineage(CallerIdentity caller, @PathVariable String artifactId, @PathVariable String version,
			@RequestParam(defaultValue = "both") String direction, @RequestParam(defaultValue = "5") int depth) {
		return lineage.ofVersion(caller.orgId(), ArtifactId.parse(artifactId), VersionRef.parse(version),
				Lineage.Direction.parse(direction), depth);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private static int number(String version) {
		if (VersionRef.parse(version) instanceof VersionRef.Number n) {
			return n.version();
		}
		throw new InvalidRequestException("a draft is named by its version number, got '"
				+ Printable.abbreviate(version) + "'");
	}

	private VersionView view(CallerIdentity caller, Artifacts.Version version, boolean withFiles) {
		return view(caller, version, withFiles, null);
	}

	private VersionView view(CallerIdentity caller, Artifacts.Version version, boolean withFiles,
			Lineage.Producer producedBy) {
		var artifact = artifacts.artifact(caller.orgId(), version.artifactId());
		var aliases = artifacts.aliases(caller.orgId(), version.artifactId()).getOrDefault(version.version(), List.of());
		var fileViews = withFiles ? files.files(caller.orgId(), version.artifactId(), version.version(), null)
			.stream()
			.map(FileView::of)
			.toList() : null;
		return new VersionView(artifact.id().toString(), artifact.name(), artifact.type(), version.version(),
				artifact.name() + ":v" + version.version(), version.state(), aliases, version.description(),
				json.readTree(version.metadataJson()), version.fileCount(), version.totalBytes(), version.createdBy(),
				version.createdAt(), version.committedAt(), version.deletedAt(), producedBy, fileViews);
	}
}
