package io.runledger.api.mlflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.Run;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dataset inputs of runs ({@code runs/log-inputs}), which our tracking engine has no notion of. Datasets are kept per
 * experiment, deduplicated by (name, digest) as MLflow does; logging the same dataset to a run again is a no-op.
 */
@Component
class MlflowInputs {

	record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
	}

	record DatasetInput(Map<String, String> tags, Dataset dataset) {
	}

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Clock clock;

	MlflowInputs(JdbcClient jdbc, TenantTransactions tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	/** Reads and validates {@code datasets[]} of a log-inputs request (MLflow's limits and required fields). */
	static List<DatasetInput> parse(List<MlflowRequest> datasets) {
		MlflowValidation.batchLimit("datasets", MlflowValidation.MAX_DATASETS_PER_BATCH, datasets.size());
		var result = new ArrayList<DatasetInput>();
		for (var input : datasets) {
			var d = input.message("dataset");
			if (d == null) {
				throw MlflowException.missing("datasets[].dataset");
			}
			var dataset = new Dataset(d.requiredString("name"), d.requiredString("digest"),
					d.requiredString("source_type"), d.requiredString("source"), d.string("schema"), d.string("profile"));
			MlflowValidation.length("Dataset name", MlflowValidation.MAX_DATASET_NAME_SIZE, dataset.name());
			MlflowValidation.length("Dataset digest", MlflowValidation.MAX_DATASET_DIGEST_SIZE, dataset.digest());
			MlflowValidation.length("Dataset source", MlflowValidation.MAX_DATASET_SOURCE_SIZE, dataset.source());
			MlflowValidation.length("Dataset schema", MlflowValidation.MAX_DATASET_SCHEMA_SIZE, dataset.schema());
			MlflowValidation.length("Dataset profile", MlflowValidation.MAX_DATASET_PROFILE_SIZE, dataset.profile());
			var tags = new LinkedHashMap<String, String>();
			for (var tag : input.messages("tags")) {
				var key = tag.requiredString("key");
				var value = tag.requiredString("value");
				MlflowValidation.length("Input tag key", MlflowValidation.MAX_INPUT_TAG_KEY_SIZE, key);
				MlflowValidation.length("Input tag value", MlflowValidation.MAX_INPUT_TAG_VALUE_SIZE, value);
				tags.put(key, value);
			}
			result.add(new DatasetInput(tags, dataset));
		}
		return result;
	}

	/** Records the inputs; call inside the run's writing transaction. */
	void log(OrgId orgId, Run run, List<DatasetInput> inputs) {
		var now = Timestamp.from(clock.instant());
		tx.writeVoid(orgId, () -> {
			for (var input : inputs) {
				var d = input.dataset();
				jdbc.sql("""
						insert into mlflow_datasets (org_id, dataset_id, project_id, name, digest, source_type, source,
						                             schema, profile, created_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						on conflict (org_id, project_id, name, digest) do nothing""")
					.params(orgId.value(), UUID.randomUUID(), run.projectId().value(), d.name(), d.digest(),
							d.sourceType(), d.source(), d.schema(), d.profile(), now)
					.update();
				var datasetId = jdbc.sql("""
						select dataset_id from mlflow_datasets
						where org_id = ? and project_id = ? and name = ? and digest = ?""")
					.params(orgId.value(), run.projectId().value(), d.name(), d.digest())
					.query(UUID.class)
					.single();
				var tags = MlflowJson.array();
				input.tags().forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
				jdbc.sql("""
						insert into mlflow_run_inputs (org_id, run_id, dataset_id, tags, created_at)
						values (?, ?, ?, ?::jsonb, ?) on conflict (org_id, run_id, dataset_id) do nothing""")
					.params(orgId.value(), run.id().value(), datasetId, tags.toString(), now)
					.update();
			}
		});
	}

	/** The dataset inputs of these runs, in the order they were logged. */
	Map<UUID, List<DatasetInput>> of(OrgId orgId, Collection<UUID> runIds) {
		var result = new HashMap<UUID, List<DatasetInput>>();
		if (runIds.isEmpty()) {
			return result;
		}
		tx.read(orgId, () -> {
			jdbc.sql("""
					select i.run_id, i.tags::text, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
					from mlflow_run_inputs i
					join mlflow_datasets d on d.org_id = i.org_id and d.dataset_id = i.dataset_id
					where i.org_id = ? and i.run_id = any(?)
					order by i.created_at, d.name, d.digest""")
				.params(orgId.value(), runIds.toArray(UUID[]::new))
				.query(rs -> {
					var tags = new LinkedHashMap<String, String>();
					for (var tag : MlflowRequest.JSON.readTree(rs.getString(2)).values()) {
						tags.put(tag.get("key").asString(), tag.get("value").asString());
					}
					result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
						.add(new DatasetInput(tags, new Dataset(rs.getString(3), rs.getString(4), rs.getString(5),
								rs.getString(6), rs.getString(7), rs.getString(8))));
				});
			return null;
		});
		return result;
	}

	/** {@code {"dataset_inputs": [...]}} as protobuf JSON writes it (empty: {@code {}}). */
	static ObjectNode toJson(List<DatasetInput> inputs) {
		var node = MlflowJson.object();
		if (inputs == null || inputs.isEmpty()) {
			return node;
		}
		ArrayNode array = node.putArray("dataset_inputs");
		for (var input : inputs) {
			var item = array.addObject();
			MlflowJson.putKeyValues(item, "tags", input.tags());
			var d = input.dataset();
			var dataset = item.putObject("dataset");
			dataset.put("name", d.name());
			dataset.put("digest", d.digest());
			dataset.put("source_type", d.sourceType());
			dataset.put("source", d.source());
			MlflowJson.putString(dataset, "schema", d.schema());
			MlflowJson.putString(dataset, "profile", d.profile());
		}
		return node;
	}
}
