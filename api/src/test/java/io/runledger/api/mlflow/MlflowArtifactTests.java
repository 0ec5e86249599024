package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;

/**
 * The MLflow artifact endpoints over raw HTTP, as {@code mlflow.log_artifact} and the UI call them: the run's
 * {@code mlflow-artifacts:/} URI resolved against the tracking server, proxied PUT/GET/DELETE, both listings.
 */
@IntegrationTest
class MlflowArtifactTests {

	static final String API = "/api/2.0/mlflow/";

	static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts/";

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

	TestTenants.Tenant acme;

	Http member;

	String runId;

	/** The run's artifact URI without the scheme: what the client appends to the proxy prefix. */
	String root;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		var run = newRun(member);
		runId = run.runId();
		root = run.root();
	}

	/** A run and its artifact URI without the scheme: what the client appends to the proxy prefix. */
	record NewRun(String runId, String root) {
	}

	/** Creates an experiment and a run in it, checking that the run's artifact URI is a proxy URI. */
	static NewRun newRun(Http member) {
		var experiment = member.post(API + "experiments/create", "{\"name\": \"art-" + UUID.randomUUID() + "\"}")
			.json()
			.get("experiment_id")
			.asString();
		var run = member.post(API + "runs/create", "{\"experiment_id\": \"" + experiment + "\"}").json();
		var runId = run.at("/run/info/run_id").asString();
		var uri = run.at("/run/info/artifact_uri").asString();
		assertThat(uri).isEqualTo("mlflow-artifacts:/" + experiment + "/" + runId + "/artifacts");
		return new NewRun(runId, uri.substring("mlflow-artifacts:/".length()));
	}

	HttpResponse<String> put(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + acme.key(Role.MEMBER))
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	static HttpResponse<String> send(HttpRequest.Builder builder) {
		try {
			return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void log_artifact_uploads_lists_downloads_replaces_and_deletes_through_the_proxy() {
		var uploaded = put(PROXY + root + "/model/MLmodel", "flavors: {}");
		put(PROXY + root + "/model/data/weights.bin", "0123456789");
		put(PROXY + root + "/metrics%20summary.txt", "loss 0.1");

		var rootListing = member.get(API + "artifacts/list?run_id=" + runId).json();
		var modelListing = member.get(API + "artifacts/list?run_id=" + runId + "&path=model").json();
		var proxied = member.get("/api/2.0/mlflow-artifacts/artifacts?path=" + root + "/model").json();
		var downloaded = member.get(PROXY + root + "/model/MLmodel");
		var spaced = member.get(PROXY + root + "/metrics%20summary.txt");
		var ui = member.get(API + "get-artifact?run_uuid=" + runId + "&path=model/MLmodel");
		var replaced = put(PROXY + root + "/model/MLmodel", "flavors: {python: {}}");
		var afterReplace = member.get(PROXY + root + "/model/MLmodel");
		var deleted = member.delete(PROXY + root + "/model/data/weights.bin");
		var afterDelete = member.get(PROXY + root + "/model/data/weights.bin");

		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(uploaded.body()).isEqualTo("{}");
		assertThat(rootListing.get("root_uri").asString()).isEqualTo("mlflow-artifacts:/" + root);
		assertThat(entries(rootListing)).containsExactly("metrics summary.txt file 8", "model dir");
		assertThat(entries(modelListing)).containsExactly("model/MLmodel file 11", "model/data dir");
		assertThat(entries(proxied)).containsExactly("MLmodel file 11", "data dir");
		assertThat(downloaded.status()).isEqualTo(200);
		assertThat(downloaded.body()).isEqualTo("flavors: {}");
		assertThat(spaced.body()).isEqualTo("loss 0.1");
		assertThat(ui.body()).isEqualTo("flavors: {}");
		assertThat(replaced.statusCode()).isEqualTo(200);
		assertThat(afterReplace.body()).isEqualTo("flavors: {python: {}}");
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(afterDelete.status()).isEqualTo(404);
		assertThat(afterDelete.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
		assertThat(deltas()).containsExactlyInAnyOrder(11L, 10L, 8L, -11L, 21L, -10L);
	}

	@Test
	void a_run_without_artifacts_lists_nothing() {
		var list = member.get(API + "artifacts/list?run_id=" + runId).json();
		var proxied = member.get("/api/2.0/mlflow-artifacts/artifacts?path=" + root);

		assertThat(list.get("root_uri").asString()).endsWith("/" + runId + "/artifacts");
		assertThat(list.has("files")).isFalse();
		assertThat(proxied.body()).isEqualTo("{}");
	}

	@Test
	void dangerous_paths_are_invalid_parameter_values_naming_the_problem() {
		var traversal = member.get(API + "artifacts/list?run_id=" + runId + "&path=../../etc");
		var encoded = put(PROXY + root + "/%252e%252e/x", "x");
		var backslash = put(PROXY + root + "/a%5Cb", "x");
		var scheme = member.get(API + "get-artifact?run_id=" + runId + "&path=file:///etc/passwd");
		var nul = put(PROXY + root + "/a%00b", "x");

		assertMlflowError(traversal, 400, "INVALID_PARAMETER_VALUE", "'..' segments");
		// In URL paths the security firewall refuses an encoded '%' before any handler (naming it), and Tomcat refuses
		// an encoded backslash or NUL before the application sees the request (its own bare 400 page).
		assertThat(encoded.statusCode()).isEqualTo(400);
		assertThat(encoded.body()).contains("INVALID_PARAMETER_VALUE").contains("\\\"%25\\\"");
		assertThat(backslash.statusCode()).isEqualTo(400);
		assertMlflowError(scheme, 400, "INVALID_PARAMETER_VALUE", "not a URL");
		assertThat(nul.statusCode()).isEqualTo(400);
	}

	@Test
	void a_proxy_path_must_be_the_runs_own_artifact_uri() {
		var otherExperiment = member.post(API + "experiments/create", "{\"name\": \"other-" + UUID.randomUUID() + "\"}")
			.json()
			.get("experiment_id")
			.asString();
		var foreign = new Http(port).bearer(tenants.create().key(Role.MEMBER));

		var wrongExperiment = put(PROXY + otherExperiment + "/" + runId + "/artifacts/a.txt", "x");
		var otherTenant = foreign.get(PROXY + root + "/a.txt");
		var noRun = put(PROXY + "0/not-a-run/artifacts/a.txt", "x");
		var multipart = member.post("/api/2.0/mlflow-artifacts/mpu/create/" + otherExperiment + "/" + runId
				+ "/artifacts", "{\"path\": \"/tmp/a.bin\", \"num_parts\": 1}");

		assertThat(wrongExperiment.statusCode()).isEqualTo(404);
		assertMlflowError(otherTenant, 404, "RESOURCE_DOES_NOT_EXIST", "");
		assertThat(noRun.statusCode()).isEqualTo(400);
		assertMlflowError(multipart, 404, "RESOURCE_DOES_NOT_EXIST", "");
	}

	List<Long> deltas() {
		return tx.read(acme.orgId(), () -> jdbc.sql("select delta_bytes from storage_changes where org_id = ?")
			.param(acme.orgId().value())
			.query(Long.class)
			.list());
	}

	static List<String> entries(JsonNode listing) {
		return listing.get("files").valueStream().map(f -> f.get("path").asString()
				+ (f.get("is_dir").asBoolean() ? " dir" : " file " + f.get("file_size").asLong())).toList();
	}

	static void assertMlflowError(Http.Response response, int status, String code, String messagePart) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().get("error_code").asString()).isEqualTo(code);
		assertThat(response.json().get("message").asString()).contains(messagePart);
	}
}
