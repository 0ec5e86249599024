package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/** The MLflow API is an adapter over the same engine: what one API writes, the other reads. */
@IntegrationTest
class MlflowOneEngineTests {

	static final String API = "/api/2.0/mlflow/";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Http member;

	@BeforeEach
	void setUp() {
		member = new Http(port).bearer(tenants.create().key(Role.MEMBER));
	}

	@Test
	void points_logged_with_mlflows_log_batch_are_read_by_the_native_points_endpoint() {
		var experimentId = member.post(API + "experiments/create", "{\"name\": \"engine-" + UUID.randomUUID() + "\"}")
			.json().get("experiment_id").asString();
		var runId = member.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").json()
			.at("/run/info/run_id").asString();
		var logged = member.post(API + "runs/log-batch", """
				{"run_id": "%s",
				 "metrics": [{"key": "loss", "value": 0.9, "timestamp": 1700000000000, "step": 0},
				             {"key": "loss", "value": 0.5, "timestamp": 1700000000100, "step": 1},
				             {"key": "loss", "value": "NaN", "timestamp": 1700000000200, "step": 2}],
				 "params": [{"key": "optimizer", "value": "adam"}],
				 "tags": [{"key": "team", "value": "vision"}]}""".formatted(runId));
		var uuid = UUID.fromString(runId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));

		var points = member.get("/api/v1/runs/" + uuid + "/points?key=loss").json();
		var nativeRun = member.get("/api/v1/runs/" + uuid).json();

		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		assertThat(points.get("steps").valueStream().map(n -> n.asLong())).containsExactly(0L, 1L, 2L);
		assertThat(points.get("timestamps").valueStream().map(n -> n.asLong()))
			.containsExactly(1700000000000L, 1700000000100L, 1700000000200L);
		assertThat(points.get("values").valueStream().map(n -> n.asString())).containsExactly("0.9", "0.5", "NaN");
		assertThat(nativeRun.get("projectId").asString()).isEqualTo(experimentId);
		assertThat(nativeRun.at("/params/optimizer").asString()).isEqualTo("adam");
		assertThat(nativeRun.at("/tags/team").asString()).isEqualTo("vision");
		assertThat(nativeRun.at("/metrics/0/count").asLong()).isEqualTo(3);
	}

	@Test
	void points_logged_natively_are_read_by_mlflows_metric_history_and_a_retried_mlflow_batch_counts_once() {
		var projectId = member.post("/api/v1/projects", "{\"slug\": \"native-" + UUID.randomUUID().toString()
			.substring(0, 8) + "\"}").json().get("id").asString();
		var runUuid = member.post("/api/v1/projects/" + projectId + "/runs", "{}").json().get("id").asString();
		member.post("/api/v1/runs/" + runUuid + "/metrics", """
				{"series": [{"key": "acc", "steps": [0, 1], "timestamps": [10, 20], "values": [0.1, 0.2]}]}""");
		var runId = runUuid.replace("-", "");
		var retried = "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"acc\", \"value\": 0.3, "
				+ "\"timestamp\": 30, \"step\": 2}]}";
		member.post(API + "runs/log-batch", retried);
		member.post(API + "runs/log-batch", retried);

		var history = member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=acc").json();
		var run = member.get(API + "runs/get?run_id=" + runId).json();

		assertThat(history.get("metrics").valueStream().map(m -> m.get("value").asDouble()))
			.containsExactly(0.1, 0.2, 0.3);
		assertThat(run.at("/run/info/experiment_id").asString()).isEqualTo(projectId);
		assertThat(member.get("/api/v1/runs/" + runUuid).json().at("/metrics/0/count").asLong()).isEqualTo(3);
	}
}
