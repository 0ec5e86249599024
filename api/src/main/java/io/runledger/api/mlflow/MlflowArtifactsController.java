package io.runledger.api.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.runledger.api.tracking.Runs;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Printable;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * Artifacts, until object storage for them exists (a later issue): listings answer what MLflow answers for a run
 * without artifacts (the root URI, no files), and transfers (proxied upload, download, delete, multipart) answer
 * NOT_IMPLEMENTED (501), which MLflow clients do not retry. Also the fallback for every other path under the MLflow
 * prefixes: ENDPOINT_NOT_FOUND (404), or 405 when the path exists for another method.
 */
@RestController
@Hidden
class MlflowArtifactsController {

	private static final String NO_ARTIFACT_STORE = "Artifact storage is not available on this server yet; "
			+ "tracking (runs, params, metrics, tags) works, artifacts cannot be uploaded or downloaded.";

	private final Runs runs;

	private final MlflowExperiments experiments;

	private final RequestMappingHandlerMapping mappings;

	private volatile List<Route> routes;

	MlflowArtifactsController(Runs runs, MlflowExperiments experiments,
			@Lazy @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		this.runs = runs;
		this.experiments = experiments;
		this.mappings = mappings;
	}

	@GetMapping({ "/api/2.0/mlflow/artifacts/list", "/ajax-api/2.0/mlflow/artifacts/list" })
	@Requires(Permission.READ)
	ObjectNode list(CallerIdentity caller, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		MlflowValidation.artifactPath(in.string("path"));
		var run = runs.get(caller.orgId(), id);
		var result = MlflowJson.object();
		result.put("root_uri", experiments.ref(caller.orgId(), run.projectId()).artifactUri(MlflowIds.hex(id)));
		return result;
	}

	@GetMapping({ "/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts" })
	@Requires(Permission.READ)
	ObjectNode listProxied(MlflowRequest in) {
		MlflowValidation.artifactPath(in.string("path"));
		return MlflowJson.object();
	}

	@GetMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}", "/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}",
			"/api/2.0/mlflow/get-artifact", "/ajax-api/2.0/mlflow/get-artifact",
			"/api/2.0/mlflow/model-versions/get-artifact", "/ajax-api/2.0/mlflow/model-versions/get-artifact" })
	@Requires(Permission.READ)
	ObjectNode download() {
		throw MlflowException.notImplemented(NO_ARTIFACT_STORE);
	}

	@PutMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}", "/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode upload() {
		throw MlflowException.notImplemented(NO_ARTIFACT_STORE);
	}

	@DeleteMapping({ "/api/2.0/mlflow-artifacts/artifacts/{*path}",
			"/ajax-api/2.0/mlflow-artifacts/artifacts/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteArtifact() {
		throw MlflowException.notImplemented(NO_ARTIFACT_STORE);
	}

	@PostMapping({ "/api/2.0/mlflow-artifacts/mpu/{action}/{*path}",
			"/ajax-api/2.0/mlflow-artifacts/mpu/{action}/{*path}" })
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode multipart() {
		throw MlflowException.notImplemented(NO_ARTIFACT_STORE);
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
