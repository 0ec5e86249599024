package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Every kind of dangerous path, sent over HTTP as a client would (the query string is percent-encoded raw here), is
 * refused with a 400 problem whose detail names the problem, for uploads and downloads alike.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactPathTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	ArtifactClient member;

	String artifactId;

	String project;

	@BeforeAll
	void setUp() {
		var acme = tenants.create();
		project = acme.project().id().toString();
		member = new ArtifactClient(port, acme.key(Role.MEMBER));
		var v = member.publish(project, "paths", "ok.txt", "ok".getBytes(StandardCharsets.UTF_8), null);
		artifactId = v.get("artifactId").asString();
		member.draft(project, "{\"name\": \"paths\"}");
	}

	@ParameterizedTest(name = "{0} is refused: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"..%2Fetc%2Fpasswd                     | '..' segments",
			"a%2F..%2F..%2Fb                       | '..' segments",
			"%2Fetc%2Fpasswd                       | relative, not absolute",
			"a%5Cb                                 | backslashes",
			"..%5C..%5Cwindows                     | backslashes",
			"%252e%252e%2Fsecret                   | percent-encoded sequences",
			"a%2F%252E%252E%2Fb                    | percent-encoded sequences",
			"%25252e%25252e                        | percent-encoded sequences",
			"a%00b                                 | NUL character",
			"a%0Ab                                 | control characters",
			"a%1Bb                                 | control characters",
			"file%3A%2F%2F%2Fetc%2Fpasswd          | not a URL",
			"s3%3A%2F%2Fother-bucket%2Fkey         | not a URL",
			"http%3A%2F%2F169.254.169.254%2Flatest | not a URL",
			"a%2F%2Fb                              | empty segments" })
	void a_dangerous_path_is_refused_with_a_400_naming_the_problem(String encodedPath, String problem) {
		var upload = member.uploadRaw("/api/v1/artifacts/" + artifactId + "/versions/2/file?path=" + encodedPath,
				"x".getBytes(StandardCharsets.UTF_8));
		var download = ArtifactClient.send(member.request("/api/v1/artifacts/" + artifactId
				+ "/versions/1/file?path=" + encodedPath).GET(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(400);
		assertThat(upload.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(upload.body()).contains(problem);
		assertThat(download.statusCode()).as(download.body()).isEqualTo(400);
		assertThat(download.body()).contains(problem);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "a.txt", "dir/sub/file.bin", "données/été 1+1=2 (v1).csv", "x/a&b=c?d#e.txt",
			"emoji-😀/~tilde'quote.bin", "100%.txt" })
	void an_ordinary_path_round_trips_through_the_api_and_its_presigned_url(String path) throws Exception {
		var bytes = path.getBytes(StandardCharsets.UTF_8);
		var version = member.publish(project, "names", path, bytes, null);
		var id = version.get("artifactId").asString();
		var ref = version.get("version").asString();

		var downloaded = member.download(id, ref, path);
		var url = member.http().get("/api/v1/artifacts/" + id + "/versions/" + ref + "/file-url?path="
				+ ArtifactClient.encode(path)).json().get("url").asString();
		var presigned = ArtifactClient.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());

		assertThat(version.get("files").get(0).get("path").asString()).isEqualTo(path);
		assertThat(downloaded.body()).isEqualTo(bytes);
		assertThat(presigned.statusCode()).isEqualTo(200);
		assertThat(presigned.body()).isEqualTo(bytes);
	}

	@org.junit.jupiter.api.Test
	void an_over_long_path_is_refused() {
		var upload = member.upload(artifactId, 2, "d/".repeat(460) + "f", "x".getBytes(StandardCharsets.UTF_8), null);

		assertThat(upload.statusCode()).isEqualTo(400);
		assertThat(upload.body()).contains("path is too long");
	}
}
