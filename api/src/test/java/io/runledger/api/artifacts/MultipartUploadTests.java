package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

/**
 * Large files go straight to object storage by presigned multipart upload and are verified by the API on completion.
 * The file is generated on the fly (see {@link GeneratedBytes}): neither this test nor the server ever holds it.
 */
@IntegrationTest
class MultipartUploadTests {

	static final long MB = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	ArtifactClient member;

	String project;

	@BeforeEach
	void setUp() {
		var acme = tenants.create();
		member = new ArtifactClient(port, acme.key(Role.MEMBER));
		project = acme.project().id().toString();
	}

	@Test
	void a_generated_200_mb_file_is_uploaded_in_presigned_parts_verified_and_streamed_back() throws Exception {
		var file = new GeneratedBytes(42, 200 * MB + 12_345);
		var sha = file.sha256();
		var oldGeneration = oldGeneration();
		oldGeneration.resetPeakUsage();
		long before = oldGeneration.getUsage().getUsed();
		var id = member.draft(project, "{\"name\": \"big-checkpoint\", \"type\": \"model\"}").get("artifactId").asString();

		var started = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"ckpt/model.bin\", \"size\": " + file.size() + ", \"sha256\": \"" + sha + "\"}");
		assertThat(started.status()).as(started.toString()).isEqualTo(201);
		var upload = started.json();
		var parts = upload.get("parts");
		for (int i = 0; i < parts.size() - 1; i++) {
			putPart(file, upload, parts.get(i));
		}
		var early = member.http().post(complete(id, upload), "{}");
		putPart(file, upload, parts.get(parts.size() - 1));
		var completed = member.http().post(complete(id, upload), "{}");
		var retried = member.http().post(complete(id, upload), "{}");
		var committed = member.commit(id, 1, "{}");
		var download = member.downloadStream(id, "latest", "ckpt/model.bin");

		assertThat(parts.size()).isEqualTo(4);
		assertThat(upload.get("partSize").asLong()).isEqualTo(64 * MB);
		assertThat(early.status()).isEqualTo(400);
		assertThat(early.body()).contains("part 4 is missing");
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat(completed.json().get("sha256").asString()).isEqualTo(sha);
		assertThat(completed.json().get("size").asLong()).isEqualTo(file.size());
		assertThat(retried.status()).isEqualTo(200);
		assertThat(committed.get("totalBytes").asLong()).isEqualTo(file.size());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(file.size());
		assertThat(GeneratedBytes.sha256(download.body())).isEqualTo(sha);
		assertThat(oldGeneration.getPeakUsage().getUsed() - before).as("old generation growth while moving 200 MB")
			.isLessThan(32 * MB);
	}

	/**
	 * Where a buffered file would show. G1 puts every array larger than half a region straight into the old
	 * generation, so holding the file, or even one 64 MB part of it, anywhere in this JVM (the app and this client
	 * both run here) would raise the old generation's peak by at least that much; streamed, it barely moves.
	 */
	static MemoryPoolMXBean oldGeneration() {
		return ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().matches(".*(Old Gen|Tenured Gen).*"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no old-generation memory pool in this JVM"));
	}

	@Test
	void a_file_whose_bytes_differ_from_the_declared_checksum_is_discarded_on_completion() throws Exception {
		var file = new GeneratedBytes(7, 6 * MB);
		var id = member.draft(project, "{\"name\": \"tampered\"}").get("artifactId").asString();
		var upload = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"data.bin\", \"size\": " + file.size() + ", \"sha256\": \""
						+ new GeneratedBytes(8, 6 * MB).sha256() + "\"}")
			.json();
		putPart(file, upload, upload.get("parts").get(0));

		var completed = member.http().post(complete(id, upload), "{}");
		var commit = member.http().post("/api/v1/artifacts/" + id + "/versions/1/commit", "{}");

		assertThat(completed.status()).isEqualTo(400);
		assertThat(completed.body()).contains("does not match what was declared");
		assertThat(commit.status()).isEqualTo(409);
	}

	@Test
	void a_part_of_the_wrong_size_is_named_and_an_upload_can_be_aborted() throws Exception {
		var file = new GeneratedBytes(9, 6 * MB);
		var id = member.draft(project, "{\"name\": \"short\"}").get("artifactId").asString();
		var upload = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"data.bin\", \"size\": " + file.size() + ", \"sha256\": \"" + file.sha256() + "\"}")
			.json();
		var part = upload.get("parts").get(0);
		send(URI.create(part.get("url").asString()), file.range(0, 1000), 1000);

		var completed = member.http().post(complete(id, upload), "{}");
		var aborted = member.http().delete("/api/v1/artifacts/" + id + "/versions/1/multipart/"
				+ upload.get("fileId").asString());
		var again = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"data.bin\", \"size\": 10, \"sha256\": \"" + "a".repeat(64) + "\"}");

		assertThat(completed.status()).isEqualTo(400);
		assertThat(completed.body()).contains("part 1 has 1000 bytes, expected " + 6 * MB);
		assertThat(aborted.status()).isEqualTo(204);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
	}

	@Test
	void part_urls_can_be_renewed_while_the_upload_is_open() {
		var file = new GeneratedBytes(11, 6 * MB);
		var id = member.draft(project, "{\"name\": \"renewed\"}").get("artifactId").asString();
		var upload = member.http().post("/api/v1/artifacts/" + id + "/versions/1/multipart",
				"{\"path\": \"data.bin\", \"size\": " + file.size() + ", \"sha256\": \"" + file.sha256() + "\"}")
			.json();
		var path = "/api/v1/artifacts/" + id + "/versions/1/multipart/" + upload.get("fileId").asString();

		var renewed = member.http().get(path);
		putPart(file, renewed.json(), renewed.json().get("parts").get(0));
		var completed = member.http().post(path + "/complete", "{}");
		var afterCompletion = member.http().get(path);
		var otherTenant = new ArtifactClient(port, tenants.create().key(Role.OWNER)).http().get(path);

		assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
		assertThat(renewed.json().get("size").asLong()).isEqualTo(file.size());
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
		assertThat(afterCompletion.status()).isEqualTo(404);
		assertThat(otherTenant.status()).isEqualTo(404);
	}

	@Test
	void a_multipart_upload_needs_a_size_within_limits_and_a_checksum() {
		var id = member.draft(project, "{\"name\": \"limits\"}").get("artifactId").asString();
		var base = "/api/v1/artifacts/" + id + "/versions/1/multipart";

		var tooBig = member.http().post(base, "{\"path\": \"a\", \"size\": 53687091201, \"sha256\": \"" + "a".repeat(64) + "\"}");
		var noSha = member.http().post(base, "{\"path\": \"a\", \"size\": 10}");
		var badPath = member.http().post(base, "{\"path\": \"../a\", \"size\": 10, \"sha256\": \"" + "a".repeat(64) + "\"}");

		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.body()).contains("size must be between 1 byte and 53687091200 bytes");
		assertThat(noSha.status()).isEqualTo(400);
		assertThat(noSha.body()).contains("sha256 is required");
		assertThat(badPath.status()).isEqualTo(400);
		assertThat(badPath.body()).contains("'..' segments");
	}

	static String complete(String id, JsonNode upload) {
		return "/api/v1/artifacts/" + id + "/versions/1/multipart/" + upload.get("fileId").asString() + "/complete";
	}

	static void putPart(GeneratedBytes file, JsonNode upload, JsonNode part) {
		long partSize = upload.get("partSize").asLong();
		long from = (part.get("partNumber").asLong() - 1) * partSize;
		long length = part.get("size").asLong();
		var response = send(URI.create(part.get("url").asString()), file.range(from, length), length);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static HttpResponse<String> send(URI url, InputStream body, long length) {
		return ArtifactClient.send(HttpRequest.newBuilder(url)
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)),
				HttpResponse.BodyHandlers.ofString());
	}
}
