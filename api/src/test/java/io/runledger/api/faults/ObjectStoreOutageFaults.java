package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.TestTenants;
import io.runledger.api.faults.PrivateServices.Service;
import io.runledger.api.faults.Writers.Api;
import io.runledger.tenancy.Role;

/**
 * S3Proxy stopped while clients write metrics: artifact transfers, native and MLflow, answer 503 with Retry-After
 * within a second, while artifact metadata, metric ingestion and reads, and reports carry on untouched; once the store
 * is back, the same downloads work again without a restart of the application.
 */
@FaultTest
class ObjectStoreOutageFaults {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final byte[] MODEL = "weights before the outage".getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void artifact_transfers_answer_503_within_a_second_while_metadata_metrics_and_reports_carry_on() {
		var acme = tenants.create();
		var key = acme.key(Role.MEMBER);
		var member = new Http(port).bearer(key);
		var project = acme.project().id().toString();
		var model = draft(member, project, "model");
		assertThat(transfer(key, "PUT", model + "/versions/1/file?path=w.bin", MODEL).response().statusCode()).isEqualTo(201);
		assertThat(member.post(model + "/versions/1/commit", "{}").status()).isEqualTo(200);
		var report = member.post("/api/v1/projects/" + project + "/reports", """
				{"title": "during an outage", "blocks": [{"id": "intro", "type": "markdown", "text": "# Results"},
				  {"id": "model", "type": "artifactReference", "artifactName": "model", "version": 1}]}""");
		assertThat(report.status()).as(report.toString()).isEqualTo(201);
		var reportId = report.json().get("id").asString();
		var mlflowFile = mlflowArtifact(member);
		assertThat(transfer(key, "PUT", mlflowFile, MODEL).response().statusCode()).isEqualTo(200);
		var writers = Writers.of(port, acme, Api.NATIVE, Api.MLFLOW);

		Timed upload;
		Timed download;
		Timed mlflowDownload;
		Http.Response version;
		Http.Response reportData;
		Http.Response series;
		try {
			writers.start().awaitProgress(10, Duration.ofSeconds(60));
			PrivateServices.stop(Service.S3);
			var next = draft(member, project, "checkpoint");
			upload = transfer(key, "PUT", next + "/versions/1/file?path=c.bin", MODEL);
			download = transfer(key, "GET", model + "/versions/latest/file?path=w.bin", null);
			mlflowDownload = transfer(key, "GET", mlflowFile, null);
			version = member.get(model + "/versions/latest");
			reportData = member.get("/api/v1/reports/" + reportId + "/data");
			series = member.get("/api/v1/runs/" + writers.writers().getFirst().runId());
			writers.awaitProgress(10, Duration.ofSeconds(30));
		}
		finally {
			PrivateServices.start(Service.S3);
			writers.stop();
		}
		var afterwards = transfer(key, "GET", model + "/versions/latest/file?path=w.bin", null).response();

		for (var timed : new Timed[] { upload, download }) {
			var transfer = timed.response();
			assertThat(transfer.statusCode()).as(transfer.request() + ": " + transfer.body()).isEqualTo(503);
			assertThat(transfer.headers().firstValue("Retry-After")).as(transfer.request().toString()).isPresent();
			assertThat(transfer.headers().firstValue("Content-Type")).get().asString()
				.startsWith("application/problem+json");
			assertThat(timed.millis()).as("%s answered within a second", transfer.request()).isLessThan(1000);
		}
		assertThat(mlflowDownload.response().statusCode()).as(mlflowDownload.response().body()).isEqualTo(503);
		assertThat(mlflowDownload.response().body()).contains("\"error_code\":\"TEMPORARILY_UNAVAILABLE\"");
		assertThat(mlflowDownload.response().headers().firstValue("Retry-After")).isPresent();
		assertThat(mlflowDownload.millis()).as("MLflow download answered within a second").isLessThan(1000);
		assertThat(transfer(key, "GET", mlflowFile, null).response().statusCode()).isEqualTo(200);
		assertThat(version.status()).as(version.toString()).isEqualTo(200);
		assertThat(reportData.status()).as(reportData.toString()).isEqualTo(200);
		assertThat(series.status()).as(series.toString()).isEqualTo(200);
		assertThat(writers.failures()).as("metric writes while the object store was down").isEmpty();
		assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(200);
		assertThat(afterwards.body()).isEqualTo(new String(MODEL, StandardCharsets.UTF_8));
		GroundTruth.assertStoredAndMeteredExactlyOnce(port, acme, writers);
	}

	/** The proxy path of a file in a new MLflow run's artifacts (MLflow's {@code mlflow-artifacts} server). */
	private static String mlflowArtifact(Http member) {
		var experiment = member.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"outage\"}");
		assertThat(experiment.status()).as(experiment.toString()).isEqualTo(200);
		var run = member.post("/api/2.0/mlflow/runs/create",
				"{\"experiment_id\": \"" + experiment.json().get("experiment_id").asString() + "\"}");
		assertThat(run.status()).as(run.toString()).isEqualTo(200);
		var uri = run.json().at("/run/info/artifact_uri").asString();
		return "/api/2.0/mlflow-artifacts/artifacts/" + uri.substring("mlflow-artifacts:/".length()) + "/model.bin";
	}

	/** Starts a draft of a new artifact: its path prefix, {@code /api/v1/artifacts/<id>}. */
	private static String draft(Http member, String project, String name) {
		var draft = member.post("/api/v1/projects/" + project + "/artifacts", "{\"name\": \"" + name + "\"}");
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		return "/api/v1/artifacts/" + draft.json().get("artifactId").asString();
	}

	/** An answer and how long it took. */
	record Timed(HttpResponse<String> response, long millis) {
	}

	private Timed transfer(String key, String method, String path, byte[] body) {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + key)
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Content-Type", "application/octet-stream")
			.build();
		long start = System.nanoTime();
		try {
			var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return new Timed(response, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
