package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * The official MLflow Java client (org.mlflow:mlflow-client 2.17.2), unchanged, against the running platform with an
 * API key as its token: what an MLflow user's code does must work and round-trip.
 */
@IntegrationTest
class MlflowJavaClientTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	MlflowClient client;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		client = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + port, acme.key(Role.MEMBER)));
	}

	@AfterEach
	void tearDown() {
		client.close();
	}

	@Test
	void an_experiment_is_created_and_found_by_id_and_by_name_and_a_missing_name_is_empty() {
		var name = "/Users/alice/churn model " + UUID.randomUUID();

		var id = client.createExperiment(name);
		var byId = client.getExperiment(id);
		var byName = client.getExperimentByName(name);

		assertThat(id).isEqualTo(byId.getExperimentId());
		assertThat(byId.getName()).isEqualTo(name);
		assertThat(byId.getLifecycleStage()).isEqualTo("active");
		assertThat(byId.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
		assertThat(byId.getCreationTime()).isPositive();
		assertThat(byName).hasValueSatisfying(e -> assertThat(e.getExperimentId()).isEqualTo(id));
		assertThat(client.getExperimentByName("no such experiment " + UUID.randomUUID())).isEmpty();
	}

	@Test
	void creating_an_experiment_with_a_taken_name_fails_with_resource_already_exists() {
		var name = "dup-" + UUID.randomUUID();
		client.createExperiment(name);

		assertThatThrownBy(() -> client.createExperiment(name)).isInstanceOfSatisfying(MlflowHttpException.class,
				e -> {
					assertThat(e.getStatusCode()).isEqualTo(400);
					assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
				});
	}

	@Test
	void a_run_logs_params_tags_metrics_and_batches_and_reads_them_back() {
		var experimentId = client.createExperiment("exp-" + UUID.randomUUID());
		long start = System.currentTimeMillis() - 60_000;
		var info = client.createRun(CreateRun.newBuilder()
			.setExperimentId(experimentId)
			.setRunName("baseline")
			.setStartTime(start)
			.addTags(RunTag.newBuilder().setKey("team").setValue("growth"))
			.build());
		var runId = info.getRunId();

		client.logParam(runId, "model", "cnn");
		client.setTag(runId, "stage", "dev");
		client.logMetric(runId, "loss", 0.9, start + 1, 0);
		client.logMetric(runId, "loss", 0.5, start + 2, 1);
		client.logBatch(runId,
				List.of(metric("loss", 0.25, start + 3, 2), metric("acc", 0.8, start + 3, 2),
						metric("acc", Double.NaN, start + 4, 3)),
				List.of(Param.newBuilder().setKey("lr").setValue("0.001").build()),
				List.of(RunTag.newBuilder().setKey("stage").setValue("prod").build()));
		client.setTerminated(runId, RunStatus.FINISHED, start + 10_000);
		var run = client.getRun(runId);

		assertThat(runId).matches("[0-9a-f]{32}");
		assertThat(info.getExperimentId()).isEqualTo(experimentId);
		assertThat(info.getRunName()).isEqualTo("baseline");
		assertThat(info.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
		assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
		assertThat(run.getInfo().getStartTime()).isEqualTo(start);
		assertThat(run.getInfo().getEndTime()).isEqualTo(start + 10_000);
		assertThat(run.getInfo().getLifecycleStage()).isEqualTo("active");
		assertThat(params(run)).containsExactlyInAnyOrderEntriesOf(Map.of("model", "cnn", "lr", "0.001"));
		assertThat(tags(run)).containsEntry("team", "growth")
			.containsEntry("stage", "prod")
			.containsEntry("mlflow.runName", "baseline");
		var latest = run.getData().getMetricsList().stream().collect(Collectors.toMap(Metric::getKey, m -> m));
		assertThat(latest.get("loss").getValue()).isEqualTo(0.25);
		assertThat(latest.get("loss").getStep()).isEqualTo(2);
		assertThat(latest.get("acc").getValue()).isNaN();
		assertThat(client.getMetricHistory(runId, "loss")).extracting(Metric::getValue).containsExactly(0.9, 0.5, 0.25);
		assertThat(client.getMetricHistory(runId, "loss")).extracting(Metric::getTimestamp)
			.containsExactly(start + 1, start + 2, start + 3);
	}

	@Test
	void a_point_logged_again_in_a_later_request_is_stored_and_metered_once_as_mlflows_sql_store_keeps_it() {
		var runId = client.createRun(client.createExperiment("repeat-" + UUID.randomUUID())).getRunId();
		long t = 1_700_000_000_000L;

		client.logBatch(runId, List.of(metric("loss", 0.9, t, 0), metric("loss", 0.8, t + 1, 1)), List.of(), List.of());
		client.logMetric(runId, "loss", 0.9, t, 0);
		client.logBatch(runId, List.of(metric("loss", 0.8, t + 1, 1), metric("loss", 0.7, t + 2, 2),
				metric("loss", 0.7, t + 2, 2), metric("loss", Double.NaN, t + 3, 3)), List.of(), List.of());
		client.logMetric(runId, "loss", Double.NaN, t + 3, 3);
		// Not repeats: the same step and timestamp with another value, the same value at another timestamp.
		client.logBatch(runId, List.of(metric("loss", 0.6, t + 2, 2), metric("loss", 0.9, t + 5, 0)), List.of(),
				List.of());

		var history = client.getMetricHistory(runId, "loss");
		assertThat(history).extracting(m -> m.getStep() + "@" + (m.getTimestamp() - t) + "=" + m.getValue())
			.containsExactlyInAnyOrder("0@0=0.9", "0@5=0.9", "1@1=0.8", "2@2=0.7", "2@2=0.6", "3@3=NaN");
		var usage = new Http(port).bearer(acme.key(Role.ADMIN))
			.get("/api/v1/usage?meter=DATA_POINTS&granularity=MONTH&from=2020-01-01T00:00:00Z&to=2040-01-01T00:00:00Z");
		assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
		assertThat(new BigDecimal(usage.json().get("total").asString())).isEqualByComparingTo("6");
	}

	@Test
	void metrics_can_still_be_logged_to_a_finished_run_and_it_stays_finished() {
		var runId = client.createRun(client.createExperiment("late-" + UUID.randomUUID())).getRunId();
		client.setTerminated(runId, RunStatus.FINISHED, System.currentTimeMillis());
		var endTime = client.getRun(runId).getInfo().getEndTime();

		client.logMetric(runId, "eval/acc", 0.91, System.currentTimeMillis(), 7);
		client.logParam(runId, "evaluated", "true");

		var run = client.getRun(runId);
		assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
		assertThat(run.getInfo().getEndTime()).isEqualTo(endTime);
		assertThat(run.getData().getMetrics(0).getValue()).isEqualTo(0.91);
	}

	@Test
	void logging_a_param_again_with_another_value_fails_with_invalid_parameter_value() {
		var runId = client.createRun(client.createExperiment("params-" + UUID.randomUUID())).getRunId();
		client.logParam(runId, "depth", "3");
		client.logParam(runId, "depth", "3");

		assertThatThrownBy(() -> client.logParam(runId, "depth", "5")).isInstanceOfSatisfying(
				MlflowHttpException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(400);
					assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE").contains("depth");
				});
		assertThat(params(client.getRun(runId))).containsEntry("depth", "3");
	}

	@Test
	void runs_are_searched_with_filters_and_order_by_and_paged() {
		var experimentId = client.createExperiment("search-" + UUID.randomUUID());
		var ids = new ArrayList<String>();
		for (int i = 0; i < 5; i++) {
			var runId = client.createRun(experimentId).getRunId();
			client.logParam(runId, "model", i % 2 == 0 ? "cnn" : "mlp");
			client.logMetric(runId, "acc", 0.5 + i / 10.0, System.currentTimeMillis(), 0);
			ids.add(runId);
		}
		client.setTerminated(ids.get(4), RunStatus.FAILED);

		var cnnByAcc = client.searchRuns(List.of(experimentId), "params.model = 'cnn' and metrics.acc > 0.55",
				ViewType.ACTIVE_ONLY, 10, List.of("metrics.acc DESC"));
		var failed = client.searchRuns(List.of(experimentId), "attributes.status = 'FAILED'");
		var firstPage = client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 2, List.of("metrics.acc ASC"));
		var paged = new ArrayList<String>();
		org.mlflow.tracking.Page<Run> page = firstPage;
		while (true) {
			page.getItems().forEach(r -> paged.add(r.getInfo().getRunId()));
			if (!page.hasNextPage()) {
				break;
			}
			page = page.getNextPage();
		}

		assertThat(cnnByAcc.getItems()).extracting(r -> r.getInfo().getRunId()).containsExactly(ids.get(4), ids.get(2));
		assertThat(failed).extracting(r -> r.getRunId()).containsExactly(ids.get(4));
		assertThat(firstPage.getItems()).hasSize(2);
		assertThat(paged).containsExactlyElementsOf(ids);
	}

	@Test
	void experiments_are_searched_renamed_deleted_and_restored() {
		var prefix = "lifecycle-" + UUID.randomUUID();
		var id = client.createExperiment(prefix + "-a");
		client.createExperiment(prefix + "-b");

		client.renameExperiment(id, prefix + "-renamed");
		client.deleteExperiment(id);
		var active = client.searchExperiments("name LIKE '" + prefix + "%'").getItems();
		var deleted = client.searchExperiments("name LIKE '" + prefix + "%'", ViewType.DELETED_ONLY, 100, List.of())
			.getItems();
		client.restoreExperiment(id);

		assertThat(active).extracting(e -> e.getName()).containsExactly(prefix + "-b");
		assertThat(deleted).extracting(e -> e.getName()).containsExactly(prefix + "-renamed");
		assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
	}

	@Test
	void the_default_experiment_zero_exists_and_takes_runs() {
		var info = client.createRun();

		assertThat(info.getExperimentId()).isEqualTo("0");
		assertThat(client.getExperiment("0").getName()).isEqualTo("Default");
		assertThat(client.listRunInfos("0")).extracting(r -> r.getRunId()).contains(info.getRunId());
	}

	@Test
	void models_are_registered_versioned_staged_and_found() {
		var runId = client.createRun(client.createExperiment("registry-" + UUID.randomUUID())).getRunId();
		var source = client.getRun(runId).getInfo().getArtifactUri() + "/model";
		var name = "churn-" + UUID.randomUUID();

		client.sendPost("registered-models/create", "{\"name\": \"" + name + "\", \"description\": \"churn\"}");
		client.sendPost("model-versions/create",
				"{\"name\": \"" + name + "\", \"source\": \"" + source + "\", \"run_id\": \"" + runId + "\"}");
		client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"" + source + "\"}");
		client.sendPost("model-versions/transition-stage",
				"{\"name\": \"" + name + "\", \"version\": \"1\", \"stage\": \"production\"}");
		client.sendPost("registered-models/alias",
				"{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"2\"}");

		var latest = client.getLatestVersions(name);
		var production = client.getLatestVersions(name, List.of("Production"));
		var version = client.getModelVersion(name, "1");
		var model = client.getRegisteredModel(name);

		assertThat(latest).extracting(ModelVersion::getVersion).containsExactly("1", "2");
		assertThat(production).extracting(ModelVersion::getVersion).containsExactly("1");
		assertThat(version.getCurrentStage()).isEqualTo("Production");
		assertThat(version.getRunId()).isEqualTo(runId);
		assertThat(version.getSource()).isEqualTo(source);
		assertThat(version.getStatus().name()).isEqualTo("READY");
		assertThat(model.getDescription()).isEqualTo("churn");
		assertThat(model.getAliasesList()).singleElement()
			.satisfies(a -> assertThat(a.getAlias() + "=" + a.getVersion()).isEqualTo("champion=2"));
		assertThat(client.getModelVersion(name, "2").getAliasesList()).containsExactly("champion");
		assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo(source);
		assertThat(client.searchModelVersions("name = '" + name + "'").getItems()).extracting(ModelVersion::getVersion)
			.containsExactly("2", "1");
		assertThat(client.searchModelVersions("run_id = '" + runId + "'").getItems()).extracting(ModelVersion::getName)
			.containsExactly(name);
	}

	private static Metric metric(String key, double value, long timestamp, long step) {
		return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
	}

	private static Map<String, String> params(Run run) {
		return run.getData().getParamsList().stream().collect(Collectors.toMap(Param::getKey, Param::getValue));
	}

	private static Map<String, String> tags(Run run) {
		return run.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
	}
}
