package io.runledger.api.mlflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;

import io.runledger.api.artifacts.Downloads;
import io.runledger.api.artifacts.RunFiles;
import io.runledger.api.tracking.Runs;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.storage.ObjectPath;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Artifacts of runs over the platform's object storage (the same as versioned artifacts; see {@link RunFiles}): the
 * {@code mlflow-artifacts} proxy (upload, download, delete, list) that MLflow clients use for
 * {@code mlflow-artifacts:/} URIs, {@code artifacts/list}, and the UI's {@code get-artifact}. Paths are checked by
 * {@link ObjectPath} (400 INVALID_PARAMETER_VALUE naming the problem); the proxy path must be the run's own artifact
 * URI, so one run's path cannot address another run. Proxied multipart upload hands out presigned part URLs, and
 * {@code mpd/presigned} a presigned GET, so large files skip the proxy; model-version artifacts answer NOT_IMPLEMENTED
 * (501), which clients do not retry. Also the fallback for every other path under the MLflow
 * prefixes: ENDPOINT_NOT_FOUND (404), or 405 when the path exists for another method.
 */
@RestController
@Hidden
class MlflowArtifactsController {

	private static final String SCHEME = "mlflow-artifacts:/";

	private static final Pattern RUN_SEGMENT = Pattern.compile("[0-9a-fA-F]{32}");

	private final Runs runs;

	private final MlflowExperiments experiments;

	private final RunFiles files;

	private final Downloads downloads;

	private final RequestMappingHandlerMapping mappings;

	private volatile List<Route> routes;

	MlflowArtifactsController(Runs runs, MlflowExperiments experiments, RunFiles files, Downloads downloads,
			@Lazy @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		this.runs = runs;
		this.downloads = downloads;
		this.experiments = experiments;
		this.files = files;
		this.mappings = mappings;
	}

	/** A run and a path inside its artifact directory (null: the directory itself). */
	private record RunPath(RunId runId, ObjectPath path) {
	}

	@GetMapping({ "/api/2.0/mlflow/artifacts/list", "/ajax-api/2.0/mlflow/artifacts/list" })
	@Requires(Permission.READ)
	ObjectNode list(CallerIdentity caller, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var directory = directory(in.string("path"));
		var run = runs.get(caller.orgId(), id);
		var result = MlflowJson.object();
		result.put("root_uri", experiments.ref(caller.orgId(), run.projectId()).artifactUri(MlflowIds.hex(id)));
		putFiles(result, files.list(caller.orgId(), id, directory), false);
		return result;
	}

	@GetMapping({ "/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts" })
	@Requires(Permission.READ)
	ObjectNode listProxied(CallerIdentity caller, MlflowRequest in) {
		var result = MlflowJson.object();
		var path = in.string("path");
		if (path == null || path.isBlank()) {
			return result;
		}
		var target = runPath(caller, path.replaceAll("/+$", ""));
		if (target == null) {
			return result;
		}
		putFiles(result, files.list(caller.orgId(), target.runId(), target.path()), true);
		return result;
	}

	@GetMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}", "/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}" })
	@Requires(Permission.READ)
	void download(CallerIdentity caller, HttpServletRequest request, HttpServletResponse response) {
		var target = file(caller, request);
		downloads.send(request, response, files.download(caller.orgId(), target.runId(), target.path()));
	}

	@GetMapping({ "/api/2.0/mlflow/get-artifact", "/ajax-api/2.0/mlflow/get-artifact" })
	@Requires(Permission.READ)
	void getArtifact(CallerIdentity caller, MlflowRequest in, HttpServletRequest request,
			HttpServletResponse response) {
		var id = MlflowIds.run(in.runId());
		runs.get(caller.orgId(), id);
		downloads.send(request, response, files.download(caller.orgId(), id, ObjectPath.of(in.requiredString("path"))));
	}

	@GetMapping({ "/api/2.0/mlflow/model-versions/get-artifact", "/ajax-api/2.0/mlflow/model-versions/get-artifact" })
	@Requires(Permission.READ)
	ObjectNode modelVersionArtifact() {
		throw MlflowException.notImplemented("Model version artifacts are not served by this server; download the "
				+ "files of the source run through mlflow-artifacts instead.");
	}

	@PutMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}", "/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode upload(CallerIdentity caller, HttpServletRequest request) throws IOException {
		var target = file(caller, request);
		files.put(caller.orgId(), target.runId(), target.path(), request.getInputStream(),
				request.getContentLengthLong());
		return MlflowJson.object();
	}

	@DeleteMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}",
			"/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteArtifact(CallerIdentity caller, HttpServletRequest request) {
		var target = file(caller, request);
		files.delete(caller.orgId(), target.runId(), target.path());
		return MlflowJson.object();
	}

	/**
	 * MLflow's proxied multipart upload (clients with MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD): {@code create} answers one
	 * presigned URL per part, the client PUTs the parts straight to object storage, {@code complete} checks them and
	 * stores the file, {@code abort} drops them. The URL names the directory; the body's {@code path} is the client's
	 * local file, of which only the name counts (MLflow's own server does the same).
	 */
	@PostMapping({ "/api/2.0/mlflow-artifacts/mpu/{action}/{*path}",
			"/ajax-api/2.0/mlflow-artifacts/mpu/{action}/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode multipart(CallerIdentity caller, @PathVariable String action, HttpServletRequest request,
			MlflowRequest in) {
		var directory = after(caller, request, "/mlflow-artifacts/mpu/" + action + "/");
		if (directory == null) {
			throw MlflowException.invalid("Invalid path: expected <artifact root>/<run id>/artifacts[/<directory>]");
		}
		var name = baseName(in.requiredString("path"));
		var path = ObjectPath.of(directory.path() == null ? name : directory.path().value() + "/" + name);
		var result = MlflowJson.object();
		switch (action) {
			case "create" -> {
				var upload = files.startMultipart(caller.orgId(), directory.runId(), path,
						in.has("num_parts") ? in.requiredInt64("num_parts") : 1);
				result.put("upload_id", upload.uploadId());
				var credentials = result.putArray("credentials");
				for (int i = 0; i < upload.partUrls().size(); i++) {
					var credential = credentials.addObject();
					credential.put("url", upload.partUrls().get(i).toString());
					credential.put("part_number", i + 1);
					credential.putObject("headers");
				}
			}
			case "complete" -> {
				var parts = in.messages("parts").stream()
					.map(p -> new RunFiles.UploadedPart(Math.toIntExact(Math.min(Integer.MAX_VALUE,
							p.requiredInt64("part_number"))), p.string("etag")))
					.toList();
				files.completeMultipart(caller.orgId(), directory.runId(), path, in.requiredString("upload_id"),
						parts);
			}
			case "abort" -> files.abortMultipart(caller.orgId(), directory.runId(), path,
					in.requiredString("upload_id"));
			default -> throw MlflowException.notFound("No multipart upload action '"
					+ Printable.abbreviate(action, 40) + "': expected create, complete or abort");
		}
		return result;
	}

	/**
	 * A presigned GET for one file and its size (clients with MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD fetch large files
	 * from it in parallel ranges, straight from object storage).
	 */
	@GetMapping({ "/api/2.0/mlflow-artifacts/mpd/presigned/{*path}",
			"/ajax-api/2.0/mlflow-artifacts/mpd/presigned/{*path}" })
	@Requires(Permission.READ)
	ObjectNode presignedDownload(CallerIdentity caller, HttpServletRequest request) {
		var target = after(caller, request, "/mlflow-artifacts/mpd/presigned/");
		if (target == null || target.path() == null) {
			throw MlflowException.invalid("Invalid path: expected <artifact root>/<run id>/artifacts/<file path>");
		}
		var presigned = files.presign(caller.orgId(), target.runId(), target.path());
		var result = MlflowJson.object();
		result.put("url", presigned.url().toString());
		result.putObject("headers");
		result.put("file_size", presigned.size());
		return result;
	}

	/** The last segment of a client's local path, POSIX or Windows. */
	private static String baseName(String localPath) {
		var name = localPath.substring(Math.max(localPath.lastIndexOf('/'), localPath.lastIndexOf('\\')) + 1);
		if (name.isEmpty()) {
			throw MlflowException.invalid("path must name a file, got '" + Printable.abbreviate(localPath, 200) + "'");
		}
		return name;
	}

	/** The file a proxy URL names: the raw path after the prefix, percent-decoded exactly once, then checked. */
	private RunPath file(CallerIdentity caller, HttpServletRequest request) {
		var target = after(caller, request, "/mlflow-artifacts/artifacts/");
		if (target == null || target.path() == null) {
			throw MlflowException.invalid("Invalid path: expected <artifact root>/<run id>/artifacts/<file path>");
		}
		return target;
	}

	/** The run path in the raw request path after {@code marker}, percent-decoded exactly once; null if none. */
	private RunPath after(CallerIdentity caller, HttpServletRequest request, String marker) {
		var raw = request.getRequestURI();
		var at = raw.indexOf(marker);
		return runPath(caller, UriUtils.decode(raw.substring(at + marker.length()), StandardCharsets.UTF_8));
	}

	/**
	 * Splits {@code <experiment>/<run id>/artifacts[/<path>]} and checks that the part before {@code /artifacts} is
	 * the run's own artifact URI; null when the path names no run's artifacts.
	 */
	private RunPath runPath(CallerIdentity caller, String path) {
		var segments = path.split("/", -1);
		for (int i = 0; i + 1 < segments.length; i++) {
			if (RUN_SEGMENT.matcher(segments[i]).matches() && segments[i + 1].equals("artifacts")) {
				var runId = MlflowIds.run(segments[i]);
				var run = runs.get(caller.orgId(), runId);
				var root = String.join("/", java.util.Arrays.copyOfRange(segments, 0, i + 2));
				var expected = experiments.ref(caller.orgId(), run.projectId()).artifactUri(MlflowIds.hex(runId));
				if (!expected.equals(SCHEME + root)) {
					throw MlflowException.notFound("No artifacts of run " + segments[i] + " at '"
							+ Printable.abbreviate(root, 200) + "'");
				}
				var rest = String.join("/", java.util.Arrays.copyOfRange(segments, i + 2, segments.length));
				return new RunPath(runId, rest.isEmpty() ? null : ObjectPath.of(rest));
			}
		}
		return null;
	}

	private static ObjectPath directory(String path) {
		if (path == null) {
			return null;
		}
		var trimmed = path.replaceAll("/+$", "");
		return trimmed.isEmpty() ? null : ObjectPath.of(trimmed);
	}

	private static void putFiles(ObjectNode result, List<RunFiles.Entry> entries, boolean baseNames) {
		if (entries.isEmpty()) {
			return;
		}
		var array = result.putArray("files");
		for (var entry : entries) {
			var file = array.addObject();
			file.put("path", baseNames ? entry.path().substring(entry.path().lastIndexOf('/') + 1) : entry.path());
			file.put("is_dir", entry.directory());
			if (entry.size() != null) {
				file.put("file_size", entry.size());
			}
		}
	}

	/** Every other path under the MLflow prefixes. */
	@RequestMapping({ "/api/2.0/mlflow/**", "/ajax-api/2.0/mlflow/**", "/api/2.0/mlflow-artifacts/**",
			"/ajax-api/2.0/mlflow-artifacts/**" })
	@Requires(Permission.READ)
	ResponseEntity<Object> unknown(HttpServletRequest request) {
		var path = PathContainer.parsePath(request.getRequestURI());
		var methods = new TreeSet<String>();
		for (var route : routes()) {
			if (route.pattern().matches(path)) {
				methods.addAll(route.methods());
			}
		}
		if (!methods.isEmpty()) {
			return MlflowErrorHandling.error(HttpStatus.METHOD_NOT_ALLOWED, "BAD_REQUEST", "Method "
					+ request.getMethod() + " is not allowed for this endpoint; use " + String.join(" or ", methods));
		}
		return MlflowErrorHandling.error(HttpStatus.NOT_FOUND, "ENDPOINT_NOT_FOUND",
				"No MLflow endpoint at " + Printable.abbreviate(request.getRequestURI(), 200));
	}

	private record Route(PathPattern pattern, Set<String> methods) {
	}

	/** The MLflow routes other than this fallback, with their methods. */
	private List<Route> routes() {
		var known = routes;
		if (known == null) {
			var list = new ArrayList<Route>();
			mappings.getHandlerMethods().forEach((info, method) -> {
				if (!method.getBeanType().getPackageName().equals(getClass().getPackageName())
						|| method.getMethod().getName().equals("unknown") || info.getPathPatternsCondition() == null) {
					return;
				}
				var methods = new TreeSet<String>();
				info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
				for (var pattern : info.getPathPatternsCondition().getPatterns()) {
					list.add(new Route(pattern, methods));
				}
			});
			known = List.copyOf(list);
			routes = known;
		}
		return known;
	}
}
