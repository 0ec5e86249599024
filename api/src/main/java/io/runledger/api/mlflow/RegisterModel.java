package io.runledger.api.mlflow;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.auth.CallerIdentity;
import io.runledger.tenancy.RunId;

/**
 * Registers a model with its versions, aliases and stages through exactly the code the MLflow registry endpoints run
 * (so what it makes is what {@code registered-models/create}, {@code model-versions/create}, ... would have made):
 * for callers that are not HTTP clients, such as the demo seed.
 */
@Component
public class RegisterModel {

	/** One version: where its files are (an MLflow source URI), the run that made it, its stage and tags. */
	public record Version(String source, RunId runId, String description, String stage, Map<String, String> tags) {
	}

	private final MlflowRegistry registry;

	RegisterModel(MlflowRegistry registry) {
		this.registry = registry;
	}

	/** Whether the caller's organisation already has a registered model of this name. */
	public boolean exists(CallerIdentity caller, String name) {
		var in = MlflowJson.object();
		in.put("name", name);
		try {
			registry.getModel(caller.orgId(), MlflowRequest.of(in));
			return true;
		}
		catch (MlflowException e) {
			if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
				return false;
			}
			throw e;
		}
	}

	/** Creates the model, then its versions in order (numbered from 1), then points each alias at its version. */
	public void register(CallerIdentity caller, String name, String description, Map<String, String> tags,
			List<Version> versions, Map<String, Integer> aliases) {
		var model = MlflowJson.object();
		model.put("name", name).put("description", description);
		var modelTags = model.putArray("tags");
		tags.forEach((key, value) -> modelTags.addObject().put("key", key).put("value", value));
		registry.createModel(caller, MlflowRequest.of(model));
		for (var version : versions) {
			var in = MlflowJson.object();
			in.put("name", name).put("source", version.source()).put("description", version.description());
			if (version.runId() != null) {
				in.put("run_id", MlflowIds.hex(version.runId()));
			}
			var versionTags = in.putArray("tags");
			version.tags().forEach((key, value) -> versionTags.addObject().put("key", key).put("value", value));
			var created = registry.createVersion(caller, MlflowRequest.of(in));
			if (version.stage() != null && !"None".equals(version.stage())) {
				var transition = MlflowJson.object();
				transition.put("name", name)
					.put("version", created.get("model_version").get("version").asString())
					.put("stage", version.stage());
				registry.transitionStage(caller, MlflowRequest.of(transition));
			}
		}
		aliases.forEach((alias, version) -> {
			var in = MlflowJson.object();
			in.put("name", name).put("alias", alias).put("version", Integer.toString(version));
			registry.setAlias(caller, MlflowRequest.of(in));
		});
	}
}
