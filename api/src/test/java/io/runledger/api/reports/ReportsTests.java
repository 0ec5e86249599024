package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

@IntegrationTest
class ReportsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	Http viewer;

	ReportFixtures fixtures;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		viewer = new Http(port).bearer(acme.key(Role.VIEWER));
		fixtures = new ReportFixtures(member, acme.project().id().toString());
	}

	@Test
	void a_report_is_created_read_listed_and_deleted_with_its_blocks_in_order() {
		var id = fixtures.create(ReportFixtures.content("Sweep", "{\"filter\": \"tags.stage = 'sweep'\"}"));

		var report = viewer.get("/api/v1/reports/" + id);
		var list = viewer.get("/api/v1/projects/" + acme.project().id() + "/reports");

		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().get("version").asInt()).isEqualTo(1);
		assertThat(report.json().get("title").asString()).isEqualTo("Sweep");
		assertThat(report.json().get("blocks").valueStream().map(b -> b.get("type").asString()))
			.containsExactly("markdown", "lineChart", "runsTable", "scalarComparison", "artifactReference");
		assertThat(report.json().at("/blocks/1/runSet/limit").asInt()).isEqualTo(100);
		assertThat(list.json().get("items").valueStream().map(r -> r.get("id").asString())).containsExactly(id);
		assertThat(member.delete("/api/v1/reports/" + id).status()).isEqualTo(204);
		assertThat(viewer.get("/api/v1/reports/" + id).status()).isEqualTo(404);
	}

	@Test
	void every_save_is_a_version_and_a_save_based_on_a_stale_version_gets_409_and_changes_nothing() {
		var id = fixtures.create(ReportFixtures.content("v1", "{\"filter\": \"\"}"));
		var save = member.send("PUT", "/api/v1/reports/" + id,
				ReportFixtures.withVersion(ReportFixtures.content("v2", "{\"filter\": \"\"}"), 1));
		assertThat(save.status()).as(save.toString()).isEqualTo(200);
		assertThat(save.json().get("version").asInt()).isEqualTo(2);

		var stale = member.send("PUT", "/api/v1/reports/" + id,
				ReportFixtures.withVersion(ReportFixtures.content("lost update", "{\"filter\": \"\"}"), 1));

		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("detail").asString()).contains("version 2").contains("based on version 1");
		assertThat(viewer.get("/api/v1/reports/" + id).json().get("title").asString()).isEqualTo("v2");
		var versions = viewer.get("/api/v1/reports/" + id + "/versions").json().get("items");
		assertThat(versions.valueStream().map(v -> v.get("version").asInt())).containsExactly(2, 1);
		assertThat(versions.get(0).get("savedBy").asString()).isEqualTo("USER:" + acme.people().get(Role.MEMBER));
		assertThat(versions.get(0).get("savedAt").asString()).isNotBlank();
	}

	@Test
	void an_old_version_can_be_viewed_and_restored_as_a_new_version() {
		var id = fixtures.create(ReportFixtures.content("first", "{\"filter\": \"\"}"));
		member.send("PUT", "/api/v1/reports/" + id,
				ReportFixtures.withVersion("{\"title\": \"second\", \"blocks\": []}", 1));

		var old = viewer.get("/api/v1/reports/" + id + "/versions/1");
		var restored = member.post("/api/v1/reports/" + id + "/versions/1/restore", "{\"version\": 2}");
		var staleRestore = member.post("/api/v1/reports/" + id + "/versions/1/restore", "{\"version\": 2}");

		assertThat(old.json().get("title").asString()).isEqualTo("first");
		assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
		assertThat(restored.json().get("version").asInt()).isEqualTo(3);
		assertThat(restored.json().get("title").asString()).isEqualTo("first");
		assertThat(restored.json().get("blocks").size()).isEqualTo(5);
		assertThat(staleRestore.status()).isEqualTo(409);
		assertThat(viewer.get("/api/v1/reports/" + id + "/versions").json().at("/items/0/restoredFrom").asInt())
			.isEqualTo(1);
		assertThat(viewer.get("/api/v1/reports/" + id + "/versions/9").status()).isEqualTo(404);
	}

	@Test
	void block_ids_are_kept_across_saves_and_assigned_when_missing() {
		var id = fixtures.create("{\"title\": \"t\", \"blocks\": [{\"type\": \"markdown\", \"text\": \"hi\"}]}");
		var assigned = viewer.get("/api/v1/reports/" + id).json().at("/blocks/0/id").asString();

		var saved = member.send("PUT", "/api/v1/reports/" + id, "{\"version\": 1, \"title\": \"t\", \"blocks\": "
				+ "[{\"id\": \"" + assigned + "\", \"type\": \"markdown\", \"text\": \"hello\"}]}");

		assertThat(assigned).isNotBlank();
		assertThat(saved.json().at("/blocks/0/id").asString()).isEqualTo(assigned);
	}

	@Test
	void invalid_blocks_are_refused_with_a_400_naming_the_problem() {
		var project = "/api/v1/projects/" + acme.project().id() + "/reports";
		var tooMany = new StringBuilder("{\"title\": \"t\", \"blocks\": [");
		for (int i = 0; i < 101; i++) {
			tooMany.append(i == 0 ? "" : ",").append("{\"type\": \"markdown\", \"text\": \"x\"}");
		}
		var manyRuns = new StringBuilder("[");
		for (int i = 0; i < 201; i++) {
			manyRuns.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
		}

		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"pie\"}]}")))
			.contains("blocks[0]").contains("unknown block type 'pie'");
		assertThat(detail(member.post(project, tooMany + "]}"))).contains("at most 100 blocks");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"lineChart\", "
				+ "\"runSet\": {\"filter\": \"metrics.loss <\"}, \"metrics\": [\"loss\"]}]}")))
			.contains("blocks[0] (lineChart).runSet").contains("filter");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"lineChart\", "
				+ "\"runSet\": {\"runIds\": " + manyRuns + "]}, \"metrics\": [\"loss\"]}]}")))
			.contains("at most 200 runIds");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"lineChart\", "
				+ "\"runSet\": {\"filter\": \"\"}, \"metrics\": [\"loss\"], \"xAxis\": \"sideways\"}]}")))
			.contains("xAxis");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"runsTable\", "
				+ "\"runSet\": {\"filter\": \"\"}, \"columns\": [\"colour\"]}]}"))).contains("column 'colour'");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"markdown\", "
				+ "\"text\": \"x\", \"colour\": \"red\"}]}"))).contains("unknown field 'colour'");
		assertThat(detail(member.post(project, "{\"title\": \"t\", \"blocks\": [{\"type\": \"lineChart\", "
				+ "\"runSet\": {\"runIds\": [\"" + UUID.randomUUID() + "\"]}, \"metrics\": [\"loss\"]}]}")))
			.contains("is not a run of this report's project");
	}

	@Test
	void too_many_panels_are_refused() {
		var body = new StringBuilder("{\"title\": \"t\", \"blocks\": [");
		for (int i = 0; i < 31; i++) {
			body.append(i == 0 ? "" : ",").append("{\"type\": \"scalarComparison\", \"runSet\": {\"filter\": \"\"}, "
					+ "\"metrics\": [\"loss\"]}");
		}

		assertThat(detail(member.post("/api/v1/projects/" + acme.project().id() + "/reports", body + "]}")))
			.contains("at most 30 panels");
	}

	@Test
	void a_viewer_reads_and_comments_but_cannot_edit() {
		var id = fixtures.create(ReportFixtures.content("t", "{\"filter\": \"\"}"));

		var edit = viewer.send("PUT", "/api/v1/reports/" + id, ReportFixtures.withVersion("{\"title\": \"x\"}", 1));
		var create = viewer.post("/api/v1/projects/" + acme.project().id() + "/reports", "{\"title\": \"x\"}");
		var delete = viewer.delete("/api/v1/reports/" + id);
		var onReport = viewer.post("/api/v1/reports/" + id + "/comments", "{\"body\": \"Nice!\"}");
		var onBlock = viewer.post("/api/v1/reports/" + id + "/comments",
				"{\"body\": \"Why does it spike?\", \"blockId\": \"loss\"}");
		var onMissingBlock = viewer.post("/api/v1/reports/" + id + "/comments",
				"{\"body\": \"?\", \"blockId\": \"nope\"}");

		assertThat(edit.status()).isEqualTo(403);
		assertThat(create.status()).isEqualTo(403);
		assertThat(delete.status()).isEqualTo(403);
		assertThat(viewer.get("/api/v1/reports/" + id).status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/reports/" + id + "/data").status()).isEqualTo(200);
		assertThat(onReport.status()).as(onReport.toString()).isEqualTo(201);
		assertThat(onBlock.status()).isEqualTo(201);
		assertThat(onMissingBlock.status()).isEqualTo(400);
		var comments = member.get("/api/v1/reports/" + id + "/comments").json().get("items");
		assertThat(comments.valueStream().map(c -> c.get("body").asString())).containsExactly("Nice!",
				"Why does it spike?");
		assertThat(comments.get(1).get("blockId").asString()).isEqualTo("loss");
		assertThat(comments.get(0).get("author").asString()).isEqualTo("USER:" + acme.people().get(Role.VIEWER));
	}

	@Test
	void another_organisations_user_gets_404_for_everything_about_a_report() {
		var id = fixtures.create(ReportFixtures.content("t", "{\"filter\": \"\"}"));
		var globex = tenants.create();
		var owner = new Http(port).bearer(globex.key(Role.OWNER));

		assertThat(owner.get("/api/v1/reports/" + id).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/reports/" + id + "/data").status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/reports/" + id + "/versions").status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/reports/" + id + "/versions/1").status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/reports/" + id + "/comments").status()).isEqualTo(404);
		assertThat(owner.post("/api/v1/reports/" + id + "/comments", "{\"body\": \"hi\"}").status()).isEqualTo(404);
		assertThat(owner.send("PUT", "/api/v1/reports/" + id, ReportFixtures.withVersion("{\"title\": \"x\"}", 1))
			.status()).isEqualTo(404);
		assertThat(owner.delete("/api/v1/reports/" + id).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/projects/" + acme.project().id() + "/reports").status()).isEqualTo(404);
		assertThat(member.get("/api/v1/reports/" + id).json().get("title").asString()).isEqualTo("t");
	}

	private static String detail(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().get("detail").asString();
	}
}
