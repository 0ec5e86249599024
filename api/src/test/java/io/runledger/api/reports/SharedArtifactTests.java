package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * A report's artifact block resolves to the committed version it names, and a share link downloads exactly the files
 * of that version: not other files, not other artifacts, and for a snapshot not a version published later.
 */
@IntegrationTest
class SharedArtifactTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	TestTenants.Tenant acme;

	Http member;

	Http anonymous;

	String project;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		anonymous = new Http(port);
		project = acme.project().id().toString();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** Publishes one file as a new committed version of the named artifact. */
	void publish(String name, String path, byte[] content) {
		var draft = member.post("/api/v1/projects/" + project + "/artifacts", "{\"name\": \"" + name + "\"}");
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		var id = draft.json().get("artifactId").asString();
		int version = draft.json().get("version").asInt();
		var uploaded = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/artifacts/" + id
				+ "/versions/" + version + "/file?path=" + path))
			.header("Authorization", "Bearer " + acme.key(Role.MEMBER))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
		assertThat(uploaded.statusCode()).isEqualTo(201);
		var committed = member.post("/api/v1/artifacts/" + id + "/versions/" + version + "/commit", "{}");
		assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
	}

	static HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Publishes one text file as a new committed version of the named artifact. */
	void publish(String name, String path, String text) {
		var draft = member.post("/api/v1/projects/" + project + "/artifacts", "{\"name\": \"" + name + "\"}");
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		var id = draft.json().get("artifactId").asString();
		int version = draft.json().get("version").asInt();
		var uploaded = member.send("PUT", "/api/v1/artifacts/" + id + "/versions/" + version + "/file?path=" + path,
				text);
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		var committed = member.post("/api/v1/artifacts/" + id + "/versions/" + version + "/commit", "{}");
		assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
	}

	String report() {
		var created = member.post("/api/v1/projects/" + project + "/reports", """
				{"title": "Model card", "blocks": [
				  {"id": "intro", "type": "markdown", "text": "# The model"},
				  {"id": "model", "type": "artifactReference", "artifactName": "weights", "alias": "latest"}
				]}""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	String link(String reportId, boolean snapshot) {
		return link(reportId, "{\"snapshot\": " + snapshot + "}");
	}

	String link(String reportId, String body) {
		var issued = member.post("/api/v1/reports/" + reportId + "/share-links", body);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		return "/api/v1/shared/reports/" + issued.json().get("token").asString();
	}

	@Test
	void the_rendered_block_names_the_resolved_version_and_its_files() {
		publish("weights", "model.txt", "weights v1");
		var id = report();

		var data = member.get("/api/v1/reports/" + id + "/data").json();

		var block = data.get("panels").valueStream().filter(p -> "model".equals(p.get("blockId").asString()))
			.findFirst().orElseThrow();
		assertThat(block.at("/artifact/version").asInt()).isEqualTo(1);
		assertThat(block.at("/artifact/files/0/path").asString()).isEqualTo("model.txt");
		assertThat(block.at("/artifact/files/0/size").asLong()).isEqualTo(10);
	}

	@Test
	void a_share_link_downloads_exactly_the_referenced_files_and_nothing_else() {
		publish("weights", "model.txt", "weights v1");
		publish("secret", "plans.txt", "not for you");
		var shared = link(report(), false);

		var file = anonymous.get(shared + "/artifacts/model/file?path=model.txt");
		assertThat(file.status()).as(file.toString()).isEqualTo(200);
		assertThat(file.body()).isEqualTo("weights v1");
		assertThat(file.header("Cache-Control")).contains("no-store");

		assertThat(anonymous.get(shared + "/artifacts/model/file?path=plans.txt").status()).isEqualTo(404);
		assertThat(anonymous.get(shared + "/artifacts/intro/file?path=model.txt").status()).isEqualTo(404);
		assertThat(anonymous.get(shared + "/artifacts/secret/file?path=plans.txt").status()).isEqualTo(404);
		assertThat(anonymous.get(shared + "/artifacts/model/file?path=../secret/plans.txt").status()).isEqualTo(400);
	}

	@Test
	void a_snapshot_link_keeps_serving_the_version_it_showed_while_a_live_link_follows_the_alias() {
		publish("weights", "model.txt", "weights v1");
		var id = report();
		var snapshot = link(id, true);
		var live = link(id, false);
		publish("weights", "model.txt", "weights v2");

		assertThat(anonymous.get(snapshot + "/artifacts/model/file?path=model.txt").body()).isEqualTo("weights v1");
		assertThat(anonymous.get(live + "/artifacts/model/file?path=model.txt").body()).isEqualTo("weights v2");
	}

	@Test
	void a_large_shared_file_redirects_privately_to_a_url_that_expires_with_the_link_at_the_latest() {
		var content = new byte[8 * 1024 * 1024 + 1];
		new Random(21).nextBytes(content);
		publish("weights", "model.bin", content);
		var now = Instant.now();
		clock.freezeAt(now);
		var shared = link(report(), "{\"expiresAt\": \"" + now.plusSeconds(30) + "\"}");
		clock.advance(Duration.ofSeconds(20));

		var redirect = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + shared
				+ "/artifacts/model/file?path=model.bin")));

		assertThat(redirect.statusCode()).isEqualTo(307);
		assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(redirect.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		var location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
		assertThat(location.getRawQuery()).contains("X-Amz-Expires=10&");
		var fromStore = send(HttpRequest.newBuilder(location));
		assertThat(fromStore.statusCode()).isEqualTo(200);
		assertThat(Arrays.equals(fromStore.body(), content)).isTrue();
		assertThat(fromStore.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(fromStore.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
			.contains("model.bin"));
	}

	@Test
	void a_link_without_expiry_redirects_to_a_url_of_the_configured_lifetime_and_proxy_true_streams_privately() {
		var content = new byte[8 * 1024 * 1024 + 1];
		new Random(22).nextBytes(content);
		publish("weights", "model.bin", content);
		var shared = link(report(), false);

		var redirect = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + shared
				+ "/artifacts/model/file?path=model.bin")));
		var proxied = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + shared
				+ "/artifacts/model/file?path=model.bin&proxy=true")));

		assertThat(redirect.statusCode()).isEqualTo(307);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
			.contains("X-Amz-Expires=300&"));
		assertThat(proxied.statusCode()).isEqualTo(200);
		assertThat(proxied.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(Arrays.equals(proxied.body(), content)).isTrue();
	}
}
