package io.runledger.api.mlflow;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.node.ObjectNode;

/** MLflow's model registry endpoints, under {@code /api/2.0/mlflow} and {@code /ajax-api/2.0/mlflow}. */
@RestController
@Hidden
@RequestMapping({ "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
class MlflowRegistryController {

	private final MlflowRegistry registry;

	MlflowRegistryController(MlflowRegistry registry) {
		this.registry = registry;
	}

	@PostMapping("/registered-models/create")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode createModel(CallerIdentity caller, MlflowRequest in) {
		return registry.createModel(caller, in);
	}

	@GetMapping("/registered-models/get")
	@Requires(Permission.READ)
	ObjectNode getModel(CallerIdentity caller, MlflowRequest in) {
		return registry.getModel(caller.orgId(), in);
	}

	@PostMapping("/registered-models/rename")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode renameModel(CallerIdentity caller, MlflowRequest in) {
		return registry.renameModel(caller, in);
	}

	@PatchMapping("/registered-models/update")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode updateModel(CallerIdentity caller, MlflowRequest in) {
		return registry.updateModel(caller, in);
	}

	@DeleteMapping("/registered-models/delete")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteModel(CallerIdentity caller, MlflowRequest in) {
		registry.deleteModel(caller, in);
		return MlflowJson.object();
	}

	@GetMapping("/registered-models/search")
	@Requires(Permission.READ)
	ObjectNode searchModels(CallerIdentity caller, MlflowRequest in) {
		return registry.searchModels(caller.orgId(), in);
	}

	@GetMapping("/registered-models/get-latest-versions")
	@Requires(Permission.READ)
	ObjectNode latestVersionsGet(CallerIdentity caller, MlflowRequest in) {
		return registry.latestVersions(caller.orgId(), in);
	}

	@PostMapping("/registered-models/get-latest-versions")
	@Requires(Permission.READ)
	ObjectNode latestVersionsPost(CallerIdentity caller, MlflowRequest in) {
		return registry.latestVersions(caller.orgId(), in);
	}

	@PostMapping("/registered-models/set-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode setModelTag(CallerIdentity caller, MlflowRequest in) {
		registry.setModelTag(caller, in);
		return MlflowJson.object();
	}

	@DeleteMapping("/registered-models/delete-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteModelTag(CallerIdentity caller, MlflowRequest in) {
		registry.deleteModelTag(caller, in);
		return MlflowJson.object();
	}

	@PostMapping("/registered-models/alias")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode setAlias(CallerIdentity caller, MlflowRequest in) {
		registry.setAlias(caller, in);
		return MlflowJson.object();
	}

	@DeleteMapping("/registered-models/alias")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteAlias(CallerIdentity caller, MlflowRequest in) {
		registry.deleteAlias(caller, in);
		return MlflowJson.object();
	}

	@GetMapping("/registered-models/alias")
	@Requires(Permission.READ)
	ObjectNode versionByAlias(CallerIdentity caller, MlflowRequest in) {
		return registry.versionByAlias(caller.orgId(), in);
	}

	@PostMapping("/model-versions/create")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode createVersion(CallerIdentity caller, MlflowRequest in) {
		return registry.createVersion(caller, in);
	}

	@GetMapping("/model-versions/get")
	@Requires(Permission.READ)
	ObjectNode getVersion(CallerIdentity caller, MlflowRequest in) {
		return registry.getVersion(caller.orgId(), in);
	}

	@PatchMapping("/model-versions/update")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode updateVersion(CallerIdentity caller, MlflowRequest in) {
		return registry.updateVersion(caller, in);
	}

	@PostMapping("/model-versions/transition-stage")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode transitionStage(CallerIdentity caller, MlflowRequest in) {
		return registry.transitionStage(caller, in);
	}

	@DeleteMapping("/model-versions/delete")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteVersion(CallerIdentity caller, MlflowRequest in) {
		registry.deleteVersion(caller, in);
		return MlflowJson.object();
	}

	@GetMapping("/model-versions/search")
	@Requires(Permission.READ)
	ObjectNode searchVersions(CallerIdentity caller, MlflowRequest in) {
		return registry.searchVersions(caller.orgId(), in);
	}

	@GetMapping("/model-versions/get-download-uri")
	@Requires(Permission.READ)
	ObjectNode downloadUri(CallerIdentity caller, MlflowRequest in) {
		return registry.downloadUri(caller.orgId(), in);
	}

	@PostMapping("/model-versions/set-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode setVersionTag(CallerIdentity caller, MlflowRequest in) {
		registry.setVersionTag(caller, in);
		return MlflowJson.object();
	}

	@DeleteMapping("/model-versions/delete-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteVersionTag(CallerIdentity caller, MlflowRequest in) {
		registry.deleteVersionTag(caller, in);
		return MlflowJson.object();
	}
}
