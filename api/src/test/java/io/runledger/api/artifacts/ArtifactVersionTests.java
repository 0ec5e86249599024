package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/** Versioned artifacts over HTTP against S3Proxy: streamed round trips, drafts, commit, aliases and metering. */
@IntegrationTest
class ArtifactVersionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

	TestTenants.Tenant acme;

	ArtifactClient member;

	String project;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new ArtifactClient(port, acme.key(Role.MEMBER));
		project = acme.project().id().toString();
	}

	static byte[] bytes(int size, long seed) {
		var bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	@Test
	void a_streamed_upload_downloads_byte_for_byte_with_its_checksum() {
		var content = bytes(3 * 1024 * 1024 + 17, 1);
		var sha = ArtifactClient.sha256(content);
		var draft = member.draft(project, """
				{"name": "weights", "type": "model", "metadata": {"epochs": 3}, "description": "first"}""");
		var id = draft.get("artifactId").asString();

		var uploaded = member.upload(id, 1, "ckpt/model.pt", content, sha);
		var committed = member.commit(id, 1, "{}");
		var downloaded = member.download(id, "v1", "ckpt/model.pt");

		assertThat(draft.get("state").asString()).isEqualTo("PENDING");
		assertThat(draft.get("ref").asString()).isEqualTo("weights:v1");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		assertThat(committed.get("state").asString()).isEqualTo("COMMITTED");
		assertThat(committed.get("totalBytes").asLong()).isEqualTo(content.length);
		assertThat(committed.get("files").get(0).get("sha256").asString()).isEqualTo(sha);
		assertThat(committed.get("metadata").get("epochs").asInt()).isEqualTo(3);
		assertThat(committed.get("aliases").valueStream().map(a -> a.asString())).containsExactly("latest");
		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(downloaded.body()).isEqualTo(content);
		assertThat(downloaded.headers().firstValue("X-Content-SHA256")).contains(sha);
		assertThat(ArtifactClient.sha256(downloaded.body())).isEqualTo(sha);
	}

	@Test
	void a_wrong_declared_checksum_stores_nothing_and_the_path_can_be_uploaded_again() {
		var content = "hello".getBytes(StandardCharsets.UTF_8);
		var id = member.draft(project, "{\"name\": \"checked\"}").get("artifactId").asString();

		var refused = member.upload(id, 1, "a.txt", content, "0".repeat(64));
		var again = member.upload(id, 1, "a.txt", content, ArtifactClient.sha256(content));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("SHA-256 mismatch");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
	}

	@Test
	void an_upload_without_content_length_is_refused_before_it_claims_its_path() {
		var id = member.draft(project, "{\"name\": \"chunked\"}").get("artifactId").asString();
		var chunked = ArtifactClient.send(member.request("/api/v1/artifacts/" + id + "/versions/1/file?path=a.bin")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
					new byte[10]))), java.net.http.HttpResponse.BodyHandlers.ofString());

		var again = member.upload(id, 1, "a.bin", new byte[10], null);

		assertThat(chunked.statusCode()).isEqualTo(400);
		assertThat(chunked.body()).contains("Content-Length is required");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
	}

	@Test
	void a_draft_is_invisible_until_committed_and_then_its_files_are_frozen() {
		var id = member.draft(project, "{\"name\": \"draft\"}").get("artifactId").asString();
		member.upload(id, 1, "a.txt", "a".getBytes(StandardCharsets.UTF_8), null);

		var beforeCommit = member.http().get("/api/v1/artifacts/" + id + "/versions/1");
		var downloadBefore = member.download(id, "1", "a.txt");
		var listedBefore = member.http().get("/api/v1/projects/" + project + "/artifacts").json().get("items");
		member.commit(id, 1, "{}");
		var after = member.http().get("/api/v1/artifacts/" + id + "/versions/1");
		var addLater = member.upload(id, 1, "b.txt", "b".getBytes(StandardCharsets.UTF_8), null);
		var recommit = member.commit(id, 1, "{}");

		assertThat(beforeCommit.status()).isEqualTo(404);
		assertThat(downloadBefore.statusCode()).isEqualTo(404);
		assertThat(listedBefore.size()).isZero();
		assertThat(after.status()).isEqualTo(200);
		assertThat(addLater.statusCode()).isEqualTo(409);
		assertThat(recommit.get("fileCount").asInt()).isEqualTo(1);
	}

	@Test
	void a_path_is_written_once_per_draft_and_an_empty_draft_cannot_be_committed() {
		var id = member.draft(project, "{\"name\": \"once\"}").get("artifactId").asString();

		var empty = member.http().post("/api/v1/artifacts/" + id + "/versions/1/commit", "{}");
		member.upload(id, 1, "a.txt", "a".getBytes(StandardCharsets.UTF_8), null);
		var twice = member.upload(id, 1, "a.txt", "b".getBytes(StandardCharsets.UTF_8), null);

		assertThat(empty.status()).isEqualTo(409);
		assertThat(empty.body()).contains("has no files");
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(twice.body()).contains("written once");
	}

	@Test
	void versions_count_up_latest_follows_and_custom_aliases_move_on_request() {
		var v1 = member.publish(project, "dataset", "data.csv", "one".getBytes(StandardCharsets.UTF_8),
				"\"type\": \"dataset\"");
		var id = v1.get("artifactId").asString();
		var v2 = member.publish(project, "dataset", "data.csv", "two".getBytes(StandardCharsets.UTF_8),
				"\"type\": \"dataset\"");
		var best = member.http().send("PUT", "/api/v1/artifacts/" + id + "/aliases/best", "{\"version\": \"v1\"}");
		var otherType = member.http().post("/api/v1/projects/" + project + "/artifacts",
				"{\"name\": \"dataset\", \"type\": \"model\"}");

		var latest = member.download(id, "latest", "data.csv");
		var byBest = member.download(id, "best", "data.csv");
		var byRef = member.http().get("/api/v1/projects/" + project + "/artifacts/resolve?ref=dataset:v1").json();
		var bestByRef = member.http().get("/api/v1/projects/" + project + "/artifacts/resolve?ref=dataset:best").json();
		var artifact = member.http().get("/api/v1/artifacts/" + id).json();
		var setLatest = member.http().send("PUT", "/api/v1/artifacts/" + id + "/aliases/latest", "{\"version\": \"1\"}");
		var versionLike = member.http().send("PUT", "/api/v1/artifacts/" + id + "/aliases/v7", "{\"version\": \"1\"}");

		assertThat(v1.get("version").asInt()).isEqualTo(1);
		assertThat(v2.get("version").asInt()).isEqualTo(2);
		assertThat(v2.get("artifactId").asString()).isEqualTo(id);
		assertThat(best.status()).as(best.toString()).isEqualTo(200);
		assertThat(otherType.status()).isEqualTo(409);
		assertThat(new String(latest.body(), StandardCharsets.UTF_8)).isEqualTo("two");
		assertThat(new String(byBest.body(), StandardCharsets.UTF_8)).isEqualTo("one");
		assertThat(byRef.get("version").asInt()).isEqualTo(1);
		assertThat(bestByRef.get("aliases").valueStream().map(a -> a.asString())).containsExactly("best");
		assertThat(artifact.get("versions").valueStream().map(v -> v.get("version").asInt())).containsExactly(2, 1);
		assertThat(artifact.get("versions").get(0).get("aliases").valueStream().map(a -> a.asString()))
			.containsExactly("latest");
		assertThat(setLatest.status()).isEqualTo(400);
		assertThat(versionLike.status()).isEqualTo(400);
	}

	@Test
	void aliases_given_at_commit_point_at_the_new_version() {
		var draft = member.draft(project, "{\"name\": \"tagged\"}");
		var id = draft.get("artifactId").asString();
		member.upload(id, 1, "m.bin", "m".getBytes(StandardCharsets.UTF_8), null);

		var committed = member.commit(id, 1, "{\"aliases\": [\"best\", \"production\"]}");

		assertThat(committed.get("aliases").valueStream().map(a -> a.asString()))
			.containsExactly("best", "latest", "production");
	}

	@Test
	void a_presigned_download_url_reads_exactly_that_file_and_nothing_else() throws Exception {
		var content = bytes(1000, 7);
		var v = member.publish(project, "presigned", "x/y.bin", content, null);
		var id = v.get("artifactId").asString();

		var url = member.http().get("/api/v1/artifacts/" + id + "/versions/latest/file-url?path=x/y.bin").json();
		var uri = URI.create(url.get("url").asString());
		var fetched = ArtifactClient.CLIENT.send(HttpRequest.newBuilder(uri).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		var put = ArtifactClient.CLIENT.send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("x"))
			.build(), HttpResponse.BodyHandlers.ofString());
		var other = ArtifactClient.CLIENT.send(HttpRequest.newBuilder(URI.create(uri.toString()
			.replace("/x/y.bin", "/x/z.bin"))).GET().build(), HttpResponse.BodyHandlers.ofString());

		assertThat(fetched.statusCode()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(content);
		assertThat(put.statusCode()).isEqualTo(403);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(uri.getPath()).contains("/orgs/" + acme.orgId() + "/artifacts/" + id + "/1/x/y.bin");
	}

	@Test
	void stored_bytes_are_reported_to_metering_when_the_version_becomes_visible() {
		var draft = member.draft(project, "{\"name\": \"metered\"}");
		var id = draft.get("artifactId").asString();
		member.upload(id, 1, "a.bin", bytes(1234, 1), null);
		member.upload(id, 1, "b.bin", bytes(766, 2), null);

		var beforeCommit = storageChanges();
		member.commit(id, 1, "{}");
		member.commit(id, 1, "{}");

		assertThat(beforeCommit).isEmpty();
		assertThat(storageChanges()).extracting(c -> c.deltaBytes()).containsExactlyInAnyOrder(1234L, 766L);
		assertThat(storageChanges()).allSatisfy(c -> assertThat(c.eventId()).matches("artifact-file:[0-9a-f-]{36}:stored"));
	}

	@Test
	void another_tenant_cannot_see_or_write_an_artifact() {
		var v = member.publish(project, "private", "a.txt", "secret".getBytes(StandardCharsets.UTF_8), null);
		var id = v.get("artifactId").asString();
		var globex = new ArtifactClient(port, tenants.create().key(Role.OWNER));

		var read = globex.download(id, "1", "a.txt");
		var meta = globex.http().get("/api/v1/artifacts/" + id);
		var draftInAcme = globex.http().post("/api/v1/projects/" + project + "/artifacts", "{\"name\": \"x\"}");
		var url = globex.http().get("/api/v1/artifacts/" + id + "/versions/1/file-url?path=a.txt");

		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(meta.status()).isEqualTo(404);
		assertThat(draftInAcme.status()).isEqualTo(404);
		assertThat(url.status()).isEqualTo(404);
	}

	@Test
	void a_viewer_reads_but_cannot_upload() {
		var v = member.publish(project, "shared", "a.txt", "a".getBytes(StandardCharsets.UTF_8), null);
		var viewer = new ArtifactClient(port, acme.key(Role.VIEWER));

		var read = viewer.download(v.get("artifactId").asString(), "latest", "a.txt");
		var draft = viewer.http().post("/api/v1/projects/" + project + "/artifacts", "{\"name\": \"v\"}");

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(draft.status()).isEqualTo(403);
	}

	record Change(String eventId, long deltaBytes) {
	}

	List<Change> storageChanges() {
		return tx.read(acme.orgId(), () -> jdbc.sql("select event_id, delta_bytes from storage_changes where org_id = ?")
			.param(acme.orgId().value())
			.query((rs, row) -> new Change(rs.getString(1), rs.getLong(2)))
			.list());
	}
}
