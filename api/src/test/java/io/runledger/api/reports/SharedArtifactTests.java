package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
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
		var issued = member.post("/api/v1/reports/" + reportId + "/share-links", "{\"snapshot\": " + snapshot + "}");
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
}
