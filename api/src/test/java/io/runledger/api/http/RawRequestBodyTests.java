package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Every route that reads a raw request body gets its bytes whatever content type the client declares: curl's
 * {@code --data-binary} sends {@code application/x-www-form-urlencoded}, some clients send none at all, and a
 * careless one may claim multipart. Bodies look like forms on purpose, so anything parsing them as parameters would
 * eat them.
 */
@IntegrationTest
class RawRequestBodyTests {

	static final String FORM = "application/x-www-form-urlencoded";

	static final String MULTIPART = "multipart/form-data; boundary=xyz";

	static final String NONE = "none";

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
	}

	@ParameterizedTest
	@ValueSource(strings = { FORM, MULTIPART, NONE })
	void a_native_artifact_upload_stores_the_bytes_whatever_the_content_type(String contentType) {
		var bytes = "weights=1&bias=2&name=model".getBytes(StandardCharsets.UTF_8);
		var draft = member.post("/api/v1/projects/" + acme.project().id() + "/artifacts",
				"{\"name\": \"model-" + UUID.randomUUID() + "\"}");
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		var file = "/api/v1/artifacts/" + draft.json().get("artifactId").asString() + "/versions/"
				+ draft.json().get("version").asInt() + "/file?path=model.bin";

		var uploaded = send("PUT", file, contentType, bytes);
		var committed = member.post("/api/v1/artifacts/" + draft.json().get("artifactId").asString() + "/versions/"
				+ draft.json().get("version").asInt() + "/commit", "{}");
		var downloaded = send("GET", file, NONE, null);

		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
		assertThat(downloaded.body()).isEqualTo("weights=1&bias=2&name=model");
	}

	@ParameterizedTest
	@ValueSource(strings = { FORM, MULTIPART, NONE })
	void an_mlflow_proxied_artifact_upload_stores_the_bytes_whatever_the_content_type(String contentType) {
		var experiment = member
			.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"raw-" + UUID.randomUUID() + "\"}")
			.json()
			.get("experiment_id")
			.asString();
		var uri = member.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experiment + "\"}")
			.json()
			.at("/run/info/artifact_uri")
			.asString();
		var file = "/api/2.0/mlflow-artifacts/artifacts/" + uri.substring("mlflow-artifacts:/".length())
				+ "/config.txt";

		var uploaded = send("PUT", file, contentType, "lr=0.1&epochs=3".getBytes(StandardCharsets.UTF_8));
		var downloaded = send("GET", file, NONE, null);

		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(downloaded.body()).isEqualTo("lr=0.1&epochs=3");
	}

	@ParameterizedTest
	@ValueSource(strings = { FORM, MULTIPART, NONE })
	void a_metric_batch_is_ingested_whatever_the_content_type(String contentType) {
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
		var batch = "{\"series\": [{\"key\": \"loss\", \"steps\": [0, 1, 2], \"values\": [0.9, 0.8, 0.7]}]}";

		var ingested = send("POST", "/api/v1/runs/" + run + "/metrics", contentType,
				batch.getBytes(StandardCharsets.UTF_8));
		var series = member.get("/api/v1/runs/" + run + "/metrics");

		assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
		assertThat(series.body()).contains("\"key\":\"loss\"").contains("\"count\":3");
	}

	private HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + acme.key(Role.MEMBER))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		if (!NONE.equals(contentType)) {
			request.header("Content-Type", contentType);
		}
		return Exchanges.send(CLIENT, request.build());
	}
}
