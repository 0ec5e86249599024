package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.storage.ObjectKey;
import io.runledger.storage.ObjectPath;
import io.runledger.storage.ObjectStore;
import io.runledger.tenancy.Role;

/**
 * Downloads larger than the redirect threshold (8 MiB by default) answer 307 to a short-lived presigned URL of the
 * object store, which serves the same bytes under the same file name; smaller files, {@code ?proxy=true} and clients
 * that would send their Authorization header on to the store are streamed through the application. HEAD and ranges
 * work on both paths.
 */
@IntegrationTest
class DownloadRedirectTests {

	static final int THRESHOLD = 8 * 1024 * 1024;

	static final HttpClient FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	ObjectStore store;

	ArtifactClient member;

	String project;

	TestTenants.Tenant acme;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new ArtifactClient(port, acme.key(Role.MEMBER));
		project = acme.project().id().toString();
	}

	/** Publishes one file and answers its download path (without query beyond the path). */
	String publish(String fileName, byte[] content) {
		var version = member.publish(project, "weights", fileName, content, null);
		return "/api/v1/artifacts/" + version.get("artifactId").asString() + "/versions/"
				+ version.get("version").asInt() + "/file?path=" + ArtifactClient.encode(fileName);
	}

	HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
		var builder = member.request(pathAndQuery).GET();
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return ArtifactClient.send(builder, HttpResponse.BodyHandlers.ofByteArray());
	}

	static HttpResponse<byte[]> fetch(URI url, String... headers) {
		var builder = HttpRequest.newBuilder(url).GET();
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return ArtifactClient.send(builder, HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void a_file_over_the_threshold_redirects_to_a_short_lived_presigned_url_serving_its_bytes_under_its_name() {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 1, 11);
		var path = publish("modèle weights.bin", content);

		var redirect = get(path);

		assertThat(redirect.statusCode()).isEqualTo(307);
		assertThat(redirect.body()).isEmpty();
		assertThat(redirect.headers().firstValue("X-Content-SHA256")).hasValue(ArtifactClient.sha256(content));
		var location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
		assertThat(location.getPort()).isEqualTo(Integer.parseInt(System.getenv().getOrDefault("RUNLEDGER_S3_PORT",
				"19000")));
		assertThat(location.getRawQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
		var fromStore = fetch(location);
		assertThat(fromStore.statusCode()).isEqualTo(200);
		assertThat(Arrays.equals(fromStore.body(), content)).isTrue();
		var proxied = get(path + "&proxy=true");
		assertThat(proxied.statusCode()).isEqualTo(200);
		assertThat(fromStore.headers().firstValue("Content-Disposition"))
			.isEqualTo(proxied.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains("mod%C3%A8le%20weights.bin"));
	}

	@Test
	void a_file_of_exactly_the_threshold_is_streamed_through_the_application() {
		var content = ArtifactVersionTests.bytes(THRESHOLD, 12);
		var path = publish("small.bin", content);

		var download = get(path);

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Location")).isEmpty();
		assertThat(Arrays.equals(download.body(), content)).isTrue();
	}

	@Test
	void proxy_true_streams_a_large_file_and_any_other_proxy_value_is_a_bad_request_naming_it() {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 5, 13);
		var path = publish("large.bin", content);
		var small = publish("small.bin", ArtifactVersionTests.bytes(10, 13));

		var proxied = get(path + "&proxy=true");
		var bad = get(path + "&proxy=sometimes");
		var badForSmall = get(small + "&proxy=yes");

		assertThat(proxied.statusCode()).isEqualTo(200);
		assertThat(proxied.headers().firstValue("X-Content-SHA256")).hasValue(ArtifactClient.sha256(content));
		assertThat(Arrays.equals(proxied.body(), content)).isTrue();
		assertThat(get(path + "&proxy=false").statusCode()).isEqualTo(307);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(bad.body())).contains("proxy must be true or false, got 'sometimes'");
		assertThat(badForSmall.statusCode()).isEqualTo(400);
		assertThat(new String(badForSmall.body())).contains("proxy must be true or false, got 'yes'");
	}

	@Test
	void clients_that_would_resend_authorization_to_the_store_are_streamed_instead() {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 7, 14);
		var path = publish("large.bin", content);

		for (var agent : new String[] { "Apache-HttpClient/4.5.6 (Java/25.0.3)", "mlflow-java-client/2.17.2",
				"apache-httpclient/5.1.3 (Java/21)" }) {
			var download = get(path, "User-Agent", agent);

			assertThat(download.statusCode()).as(agent).isEqualTo(200);
			assertThat(Arrays.equals(download.body(), content)).as(agent).isTrue();
		}
		assertThat(get(path, "User-Agent", "python-requests/2.34.2").statusCode()).isEqualTo(307);
	}

	@Test
	void a_client_that_follows_redirects_with_its_authorization_header_downloads_the_file() throws Exception {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 3, 15);
		var path = publish("large.bin", content);

		// The JDK's client, like python requests and curl, drops Authorization when a redirect leaves the origin.
		var download = FOLLOWING.send(member.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.previousResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(307));
		assertThat(download.request().headers().firstValue("Authorization")).isEmpty();
		assertThat(Arrays.equals(download.body(), content)).isTrue();
	}

	@Test
	void head_answers_size_checksum_and_name_without_a_redirect_or_a_body() {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 9, 16);
		var path = publish("large.bin", content);

		var head = ArtifactClient.send(member.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
		assertThat(head.headers().firstValue("X-Content-SHA256")).hasValue(ArtifactClient.sha256(content));
		assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(head.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
			.contains("large.bin"));
	}

	@Test
	void a_byte_range_is_served_as_partial_content_whether_streamed_or_redirected() {
		var content = ArtifactVersionTests.bytes(THRESHOLD + 100, 17);
		var path = publish("large.bin", content);

		var streamed = get(path + "&proxy=true", "Range", "bytes=1000-1999");
		var suffix = get(path + "&proxy=true", "Range", "bytes=-10");
		var open = get(path + "&proxy=true", "Range", "bytes=" + THRESHOLD + "-");
		var location = URI.create(get(path).headers().firstValue("Location").orElseThrow());
		var fromStore = fetch(location, "Range", "bytes=1000-1999");

		assertThat(streamed.statusCode()).isEqualTo(206);
		assertThat(streamed.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + content.length);
		assertThat(streamed.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
		assertThat(suffix.statusCode()).isEqualTo(206);
		assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
		assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, THRESHOLD, content.length));
		assertThat(fromStore.statusCode()).isEqualTo(206);
		assertThat(fromStore.body()).isEqualTo(streamed.body());
	}

	@Test
	void a_range_beyond_the_file_is_416_naming_the_size_and_one_for_another_version_gets_the_whole_file() {
		var content = ArtifactVersionTests.bytes(1000, 18);
		var path = publish("small.bin", content);

		var beyond = get(path, "Range", "bytes=1000-");
		var stale = get(path, "Range", "bytes=0-9", "If-Range", "\"0000\"");
		var current = get(path, "Range", "bytes=0-9", "If-Range", "\"" + ArtifactClient.sha256(content) + "\"");

		assertThat(beyond.statusCode()).isEqualTo(416);
		assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */1000");
		assertThat(beyond.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(beyond.body())).contains("lies beyond the 1000 bytes of the file");
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(content);
		assertThat(current.statusCode()).isEqualTo(206);
		assertThat(current.body()).isEqualTo(Arrays.copyOfRange(content, 0, 10));
	}

	@Test
	void a_file_whose_object_is_gone_from_the_store_answers_404_saying_so_not_500() {
		var version = member.publish(project, "lost", "weights.bin", ArtifactVersionTests.bytes(1000, 3), null);
		var artifactId = version.get("artifactId").asString();
		store.delete(ObjectKey.artifactFile(acme.orgId(), UUID.fromString(artifactId), 1, ObjectPath.of("weights.bin")));

		var answer = get("/api/v1/artifacts/" + artifactId + "/versions/1/file?path=weights.bin");

		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(answer.body())).contains("content is missing from object storage")
			.doesNotContain("orgs/");
	}
}
