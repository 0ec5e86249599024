package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * Large run files through MLflow's artifact proxy ({@code GET /api/2.0/mlflow-artifacts/artifacts/...}) and
 * {@code get-artifact} answer 307 to a presigned URL of the object store, and MLflow's real clients still download
 * them: the Python client's call sequence (requests, which drops Authorization on the way to the store) follows the
 * redirect, and the Java client's HTTP client (Apache HttpClient 4, which would send Authorization on) is streamed.
 */
@IntegrationTest
class MlflowDownloadTests {

	static final int LARGE = 8 * 1024 * 1024 + 4321;

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	String key;

	String runId;

	String root;

	final byte[] file = new byte[LARGE];

	@BeforeEach
	void setUp() throws Exception {
		var acme = tenants.create();
		key = acme.key(Role.MEMBER);
		var run = MlflowArtifactTests.newRun(new Http(port).bearer(key));
		runId = run.runId();
		root = run.root();
		new Random(31).nextBytes(file);
		var put = CLIENT.send(request("/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/weights.bin")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + key);
	}

	HttpResponse<byte[]> get(String path) throws Exception {
		return CLIENT.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void the_artifact_proxy_and_get_artifact_redirect_a_large_file_and_proxy_true_streams_it() throws Exception {
		var proxyPath = "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/weights.bin";

		var redirected = get(proxyPath);
		var viaGetArtifact = get("/api/2.0/mlflow/get-artifact?run_id=" + runId + "&path=model/weights.bin");
		var streamed = get(proxyPath + "?proxy=true");

		assertThat(redirected.statusCode()).isEqualTo(307);
		assertThat(viaGetArtifact.statusCode()).isEqualTo(307);
		var fromStore = CLIENT.send(HttpRequest.newBuilder(URI.create(redirected.headers().firstValue("Location")
			.orElseThrow())).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(fromStore.statusCode()).isEqualTo(200);
		assertThat(Arrays.equals(fromStore.body(), file)).isTrue();
		assertThat(fromStore.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
			.contains("weights.bin"));
		assertThat(streamed.statusCode()).isEqualTo(200);
		assertThat(Arrays.equals(streamed.body(), file)).isTrue();
	}

	@Test
	void a_streamed_range_beyond_a_run_file_answers_416_in_mlflows_error_format() throws Exception {
		var beyond = CLIENT.send(request("/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/weights.bin?proxy=true")
			.header("Range", "bytes=" + LARGE + "-").build(), HttpResponse.BodyHandlers.ofString());

		assertThat(beyond.statusCode()).isEqualTo(416);
		assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + LARGE);
		assertThat(beyond.body()).contains("\"error_code\":\"BAD_REQUEST\"").contains("lies beyond the " + LARGE);
	}

	@Test
	void mlflows_python_client_follows_the_redirect_without_sending_its_token_to_the_store(@TempDir Path dir)
			throws Exception {
		var script = Path.of(getClass().getResource("/clients/mlflow_http_download.py").toURI());
		var destination = dir.resolve("weights.bin");
		var process = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + port,
				"/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/weights.bin", key, destination.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();

		var result = JsonMapper.builder().build().readTree(output.lines().reduce((a, b) -> b).orElseThrow());

		assertThat(result.get("status").asInt()).isEqualTo(200);
		assertThat(result.get("redirects").get(0).asInt()).isEqualTo(307);
		assertThat(result.get("storeGotAuthorization").asBoolean()).isFalse();
		assertThat(result.get("url").asString()).contains("X-Amz-Signature=");
		assertThat(result.get("size").asLong()).isEqualTo(LARGE);
		assertThat(result.get("sha256").asString()).isEqualTo(sha256(file));
		assertThat(Files.size(destination)).isEqualTo(LARGE);
	}

	@Test
	void mlflows_java_client_http_stack_is_streamed_because_it_would_send_its_token_to_the_store() throws Exception {
		// The HTTP client MLflow's Java client ships (Apache HttpClient 4.5, shaded), with the header its
		// MlflowHttpCaller sets; it copies Authorization onto a redirect to another host, so it gets the bytes here.
		try (var client = org.mlflow_project.apachehttp.impl.client.HttpClientBuilder.create().build()) {
			var get = new org.mlflow_project.apachehttp.client.methods.HttpGet("http://127.0.0.1:" + port
					+ "/api/2.0/mlflow-artifacts/artifacts/" + root + "/model/weights.bin");
			get.addHeader("Authorization", "Bearer " + key);

			var context = org.mlflow_project.apachehttp.client.protocol.HttpClientContext.create();

			try (var response = client.execute(get, context)) {
				assertThat(response.getStatusLine().getStatusCode()).isEqualTo(200);
				// Answered by the application itself: the local S3Proxy ignores a stray Bearer header, but S3 answers
				// 400 to a request carrying two authentications, so the client must never have been sent there.
				assertThat(context.getRedirectLocations()).isNullOrEmpty();
				var body = response.getEntity().getContent().readAllBytes();
				assertThat(Arrays.equals(body, file)).isTrue();
			}
		}
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}
