package io.runledger.api.mlflow;

import java.util.LinkedHashMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Printable;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.node.ObjectNode;

/** MLflow's experiment endpoints, under {@code /api/2.0/mlflow} and the {@code /ajax-api/2.0/mlflow} alias. */
@RestController
@Hidden
@RequestMapping({ "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
class MlflowExperimentsController {

	private final MlflowExperiments experiments;

	MlflowExperimentsController(MlflowExperiments experiments) {
		this.experiments = experiments;
	}

	@PostMapping("/experiments/create")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode create(CallerIdentity caller, MlflowRequest in) {
		var name = in.requiredString("name");
		var tags = new LinkedHashMap<String, String>();
		for (var tag : in.messages("tags")) {
			var value = tag.string("value");
			tags.put(tag.requiredString("key"), value == null ? "" : value);
		}
		var id = experiments.create(caller.orgId(), name, in.string("artifact_location"), tags);
		var result = MlflowJson.object();
		result.put("experiment_id", id);
		return result;
	}

	@GetMapping("/experiments/get")
	@Requires(Permission.READ)
	ObjectNode get(CallerIdentity caller, MlflowRequest in) {
		var result = MlflowJson.object();
		result.set("experiment", json(experiments.get(caller.orgId(), in.requiredString("experiment_id"))));
		return result;
	}

	@GetMapping("/experiments/get-by-name")
	@Requires(Permission.READ)
	ObjectNode getByName(CallerIdentity caller, MlflowRequest in) {
		var name = in.requiredString("experiment_name");
		var experiment = experiments.byName(caller.orgId(), name)
			.orElseThrow(() -> MlflowException.notFound("Could not find experiment with name '"
					+ Printable.abbreviate(name, 500) + "'"));
		var result = MlflowJson.object();
		result.set("experiment", json(experiment));
		return result;
	}

	@PostMapping("/experiments/search")
	@Requires(Permission.READ)
	ObjectNode searchPost(CallerIdentity caller, MlflowRequest in) {
		return search(caller, in);
	}

	@GetMapping("/experiments/search")
	@Requires(Permission.READ)
	ObjectNode searchGet(CallerIdentity caller, MlflowRequest in) {
		return search(caller, in);
	}

	private ObjectNode search(CallerIdentity caller, MlflowRequest in) {
		var maxResults = in.int64("max_results");
		int max = maxResults == null ? 1000 : (int) Math.max(-1, Math.min(maxResults, Integer.MAX_VALUE));
		var page = experiments.search(caller.orgId(), in.string("filter"), in.strings("order_by"),
				MlflowExperiments.ViewType.parse(in.string("view_type")), max, in.string("page_token"));
		var result = MlflowJson.object();
		if (!page.experiments().isEmpty()) {
			var array = result.putArray("experiments");
			page.experiments().forEach(e -> array.add(json(e)));
		}
		MlflowJson.putString(result, "next_page_token", page.nextPageToken());
		return result;
	}

	@PostMapping("/experiments/update")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode update(CallerIdentity caller, MlflowRequest in) {
		experiments.rename(caller.orgId(), in.requiredString("experiment_id"), in.requiredString("new_name"));
		return MlflowJson.object();
	}

	@PostMapping("/experiments/delete")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode delete(CallerIdentity caller, MlflowRequest in) {
		experiments.delete(caller.orgId(), in.requiredString("experiment_id"), caller.actor());
		return MlflowJson.object();
	}

	@PostMapping("/experiments/restore")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode restore(CallerIdentity caller, MlflowRequest in) {
		experiments.restore(caller.orgId(), in.requiredString("experiment_id"), caller.actor());
		return MlflowJson.object();
	}

	@PostMapping("/experiments/set-experiment-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode setTag(CallerIdentity caller, MlflowRequest in) {
		var value = in.string("value");
		experiments.setTag(caller.orgId(), in.requiredString("experiment_id"), in.requiredString("key"),
				value == null ? "" : value);
		return MlflowJson.object();
	}

	@PostMapping("/experiments/delete-experiment-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteTag(CallerIdentity caller, MlflowRequest in) {
		experiments.deleteTag(caller.orgId(), in.requiredString("experiment_id"), in.requiredString("key"));
		return MlflowJson.object();
	}

	static ObjectNode json(MlflowExperiments.Experiment e) {
		var node = MlflowJson.object();
		node.put("experiment_id", e.experimentId());
		node.put("name", e.name());
		node.put("artifact_location", e.artifactLocation());
		node.put("lifecycle_stage", e.lifecycleStage());
		node.put("last_update_time", e.updatedAt().toEpochMilli());
		node.put("creation_time", e.createdAt().toEpochMilli());
		MlflowJson.putKeyValues(node, "tags", e.tags());
		return node;
	}
}
