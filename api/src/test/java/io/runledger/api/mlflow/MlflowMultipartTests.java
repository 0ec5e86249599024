package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

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
 * MLflow's proxied multipart upload and presigned download, called as {@code HttpArtifactRepository} calls them
 * (MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD / _DOWNLOAD): parts go straight to object storage by presigned URL, the
 * server checks them on completion and stores the file like any other run file.
 */
@IntegrationTest
class MlflowMultipartTests {

	static final String API = "/api/2.0/mlflow/";

	static final String MPU = "/api/2.0/mlflow-artifacts/mpu/";

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	static final int PART = 5 * 1024 * 1024;

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

	String root;

	/** Two full parts and a short last one, like MLflow's 10 MB chunks scaled down to S3's 5 MiB minimum. */
	byte[] file = new byte[2 * PART + 123_457];

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		var run = MlflowArtifactTests.newRun(member);
		runId = run.runId();
		root = run.root();
		new Random(7).nextBytes(file);
	}

	@Test
	void a_proxied_multipart_upload_sends_parts_straight_to_storage_and_stores_the_verified_file() throws Exception {
		var create = member.post(MPU + "create/" + root + "/checkpoints",
				"{\"path\": \"/home/me/run/model.ckpt\", \"num_parts\": 3}");
		assertThat(create.status()).as(create.toString()).isEqualTo(200);
		var credentials = create.json().get("credentials");
		assertThat(credentials).hasSize(3);
		assertThat(credentials.get(0).get("part_number").asInt()).isEqualTo(1);
		assertThat(credentials.get(0).get("url").asString()).startsWith("http://127.0.0.1:").contains("uploadId=")
			.contains("partNumber=1").contains("X-Amz-Signature=");
		var parts = uploadParts(credentials, 3);

		var complete = member.post(MPU + "complete/" + root + "/checkpoints", "{\"path\": \"/home/me/run/model.ckpt\", "
				+ "\"upload_id\": \"" + create.json().get("upload_id").asString() + "\", \"parts\": " + parts + "}");

		assertThat(complete.status()).as(complete.toString()).isEqualTo(200);
		assertThat(complete.body()).isEqualTo("{}");
		var listing = member.get(API + "artifacts/list?run_id=" + runId + "&path=checkpoints").json();
		assertThat(listing.get("files").get(0).get("path").asString()).isEqualTo("checkpoints/model.ckpt");
		assertThat(listing.get("files").get(0).get("file_size").asLong()).isEqualTo(file.length);
		// Through the proxy (over 8 MiB, the default answer is a redirect to the store; MlflowDownloadTests covers it).
		var downloaded = CLIENT.send(request("/api/2.0/mlflow-artifacts/artifacts/" + root
				+ "/checkpoints/model.ckpt?proxy=true").build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(downloaded.headers().firstValue("X-Content-SHA256")).hasValue(sha256(file));
		assertThat(Arrays.equals(downloaded.body(), file)).isTrue();
		assertThat(storageDeltas()).containsExactly((long) file.length);
	}

	@Test
	void a_presigned_download_names_the_size_and_serves_ranges_of_exactly_that_file() throws Exception {
		var put = CLIENT.send(request("/api/2.0/mlflow-artifacts/artifacts/" + root + "/data/train.bin")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

		var presigned = member.get("/api/2.0/mlflow-artifacts/mpd/presigned/" + root + "/data/train.bin");
		var missing = member.get("/api/2.0/mlflow-artifacts/mpd/presigned/" + root + "/data/none.bin");
		var foreign = new Http(port).bearer(tenants.create().key(Role.MEMBER))
			.get("/api/2.0/mlflow-artifacts/mpd/presigned/" + root + "/data/train.bin");

		assertThat(presigned.status()).as(presigned.toString()).isEqualTo(200);
		assertThat(presigned.json().get("file_size").asLong()).isEqualTo(file.length);
		var range = CLIENT.send(HttpRequest.newBuilder(URI.create(presigned.json().get("url").asString()))
			.header("Range", "bytes=" + PART + "-" + (PART + 99)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(file, PART, PART + 100));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("error_code").asString()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
		assertThat(foreign.status()).isEqualTo(404);
	}

	@Test
	void completing_with_a_wrong_etag_or_a_gap_is_refused_and_an_aborted_upload_is_gone() throws Exception {
		var create = member.post(MPU + "create/" + root, "{\"path\": \"C:\\\\data\\\\weights.bin\", \"num_parts\": 3}")
			.json();
		var uploadId = create.get("upload_id").asString();
		var parts = uploadParts(create.get("credentials"), 2);
		var body = "{\"path\": \"weights.bin\", \"upload_id\": \"" + uploadId + "\", \"parts\": ";

		var wrongEtag = member.post(MPU + "complete/" + root,
				body + "[{\"part_number\": 1, \"etag\": \"\\\"0123\\\"\"}, " + parts.get(1) + "]}");
		var gap = member.post(MPU + "complete/" + root, body + "[" + parts.get(1) + "]}");
		var foreign = new Http(port).bearer(tenants.create().key(Role.MEMBER))
			.post(MPU + "complete/" + root, body + parts + "}");
		var abort = member.post(MPU + "abort/" + root, "{\"path\": \"weights.bin\", \"upload_id\": \"" + uploadId + "\"}");
		var afterAbort = member.post(MPU + "complete/" + root, body + parts + "}");

		MlflowArtifactTests.assertMlflowError(wrongEtag, 400, "INVALID_PARAMETER_VALUE", "part 1 has ETag");
		MlflowArtifactTests.assertMlflowError(gap, 400, "INVALID_PARAMETER_VALUE", "numbered 1..1");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(abort.status()).as(abort.toString()).isEqualTo(200);
		MlflowArtifactTests.assertMlflowError(afterAbort, 404, "RESOURCE_DOES_NOT_EXIST", "multipart upload");
		assertThat(member.get(API + "artifacts/list?run_id=" + runId).json().has("files")).isFalse();
		assertThat(storageDeltas()).isEmpty();
	}

	@Test
	void part_counts_outside_what_s3_allows_are_invalid() {
		var none = member.post(MPU + "create/" + root, "{\"path\": \"a.bin\", \"num_parts\": 0}");
		var tooMany = member.post(MPU + "create/" + root, "{\"path\": \"a.bin\", \"num_parts\": 10001}");
		var noName = member.post(MPU + "create/" + root, "{\"path\": \"/tmp/\", \"num_parts\": 1}");
		var unknown = member.post(MPU + "resume/" + root, "{\"path\": \"a.bin\"}");

		MlflowArtifactTests.assertMlflowError(none, 400, "INVALID_PARAMETER_VALUE", "num_parts");
		MlflowArtifactTests.assertMlflowError(tooMany, 400, "INVALID_PARAMETER_VALUE", "10000");
		MlflowArtifactTests.assertMlflowError(noName, 400, "INVALID_PARAMETER_VALUE", "must name a file");
		assertThat(unknown.status()).isEqualTo(404);
	}

	/** PUTs the first {@code count} parts of the file to their URLs; the parts as MLflow lists them on completion. */
	List<String> uploadParts(JsonNode credentials, int count) throws Exception {
		var parts = new java.util.ArrayList<String>();
		for (int i = 0; i < count; i++) {
			int from = i * PART;
			var bytes = Arrays.copyOfRange(file, from, Math.min(file.length, from + PART));
			var url = credentials.get(i).get("url").asString();
			var put = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
				.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
			var etag = put.headers().firstValue("ETag").orElseThrow().replace("\"", "\\\"");
			parts.add("{\"part_number\": " + (i + 1) + ", \"etag\": \"" + etag + "\", \"url\": \"" + url + "\"}");
		}
		return parts;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + acme.key(Role.MEMBER));
	}

	List<Long> storageDeltas() {
		return tx.read(acme.orgId(), () -> jdbc.sql("select delta_bytes from storage_changes where org_id = ?")
			.param(acme.orgId().value())
			.query(Long.class)
			.list());
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}
