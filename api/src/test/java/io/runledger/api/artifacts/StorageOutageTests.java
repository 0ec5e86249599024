package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Object storage unreachable (nothing listens on its port): artifact transfers fail fast with 503 and a clear message,
 * nothing half-registered becomes visible, and run tracking carries on.
 */
@IntegrationTest
@TestPropertySource(properties = "runledger.storage.endpoint=http://127.0.0.1:1")
class StorageOutageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void uploads_answer_503_fast_no_version_becomes_visible_and_tracking_keeps_working() {
		var acme = tenants.create();
		var member = new ArtifactClient(port, acme.key(Role.MEMBER));
		var project = acme.project().id().toString();
		var id = member.draft(project, "{\"name\": \"during-outage\"}").get("artifactId").asString();

		long start = System.nanoTime();
		var upload = member.upload(id, 1, "a.bin", "abc".getBytes(StandardCharsets.UTF_8), null);
		long millis = (System.nanoTime() - start) / 1_000_000;
		var retry = member.upload(id, 1, "a.bin", "abc".getBytes(StandardCharsets.UTF_8), null);
		var multipart = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"big.bin\", \"size\": 200000000, \"sha256\": \"" + "a".repeat(64) + "\"}");
		var commit = member.http().post("/api/v1/artifacts/" + id + "/versions/1/commit", "{}");
		var version = member.http().get("/api/v1/artifacts/" + id + "/versions/1");
		var listed = member.http().get("/api/v1/projects/" + project + "/artifacts").json().get("items");
		var run = member.http().post("/api/v1/projects/" + project + "/runs", "{}");
		var logged = member.http().post("/api/v1/runs/" + run.json().get("id").asString() + "/metrics",
				"{\"series\": [{\"key\": \"loss\", \"steps\": [0, 1], \"values\": [1.0, 0.5]}]}");

		assertThat(upload.statusCode()).isEqualTo(503);
		assertThat(upload.body()).contains("object storage is temporarily unavailable");
		assertThat(millis).isLessThan(3000);
		assertThat(retry.statusCode()).as("the failed upload released its path").isEqualTo(503);
		assertThat(multipart.status()).isEqualTo(503);
		assertThat(commit.status()).isEqualTo(409);
		assertThat(version.status()).isEqualTo(404);
		assertThat(listed.size()).isZero();
		assertThat(run.status()).isEqualTo(201);
		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
	}
}
