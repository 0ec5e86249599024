package io.runledger.api.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

@IntegrationTest
class SavedViewsTests {

	private static final String LAYOUT = """
			{"name": "%s", "query": "params.lr > 0.01", "columns": ["name", "params.lr", "metrics.loss.last"],
			 "sort": {"column": "metrics.loss.last", "direction": "asc"}, "groupBy": "params.optimizer",
			 "charts": {"xAxis": "relative", "smoothing": 0.6, "logScale": true, "hidden": false}}""";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	String views;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		views = "/api/v1/projects/" + acme.project().id() + "/views";
	}

	Http as(Role role) {
		return new Http(port).bearer(acme.key(role));
	}

	String create(Role role, String name) {
		var created = as(role).post(views, LAYOUT.formatted(name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void a_saved_view_keeps_its_query_columns_sort_grouping_and_chart_settings_and_every_viewer_reads_it() {
		var created = as(Role.MEMBER).post(views, LAYOUT.formatted("low loss"));
		var id = created.json().get("id").asString();

		var read = as(Role.VIEWER).get("/api/v1/views/" + id);
		var list = as(Role.VIEWER).get(views);

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/views/" + id);
		assertThat(read.status()).isEqualTo(200);
		var view = read.json();
		assertThat(view.get("name").asString()).isEqualTo("low loss");
		assertThat(view.get("query").asString()).isEqualTo("params.lr > 0.01");
		assertThat(view.get("columns").valueStream().map(c -> c.asString()))
			.containsExactly("name", "params.lr", "metrics.loss.last");
		assertThat(view.at("/sort/column").asString()).isEqualTo("metrics.loss.last");
		assertThat(view.at("/sort/direction").asString()).isEqualTo("asc");
		assertThat(view.get("groupBy").asString()).isEqualTo("params.optimizer");
		assertThat(view.at("/charts/xAxis").asString()).isEqualTo("relative");
		assertThat(view.at("/charts/smoothing").asDouble()).isEqualTo(0.6);
		assertThat(view.at("/charts/logScale").asBoolean()).isTrue();
		assertThat(view.get("createdBy").asString()).isEqualTo("USER:" + acme.people().get(Role.MEMBER));
		assertThat(view.get("mayChange").asBoolean()).as("a viewer may not change it").isFalse();
		assertThat(list.json().get("items").valueStream().map(v -> v.get("id").asString())).containsExactly(id);
	}

	@Test
	void a_member_updates_and_deletes_their_own_view_but_not_another_members_while_an_admin_may_change_any() {
		var mine = create(Role.MEMBER, "mine");
		var admins = create(Role.ADMIN, "admins");

		var update = as(Role.MEMBER).send("PUT", "/api/v1/views/" + mine,
				"{\"name\": \"mine, renamed\", \"query\": \"tags.stage = 'final'\"}");
		var othersUpdate = as(Role.MEMBER).send("PUT", "/api/v1/views/" + admins, "{\"name\": \"taken over\"}");
		var othersDelete = as(Role.MEMBER).delete("/api/v1/views/" + admins);
		var viewerDelete = as(Role.VIEWER).delete("/api/v1/views/" + mine);

		assertThat(update.status()).as(update.toString()).isEqualTo(200);
		assertThat(update.json().get("name").asString()).isEqualTo("mine, renamed");
		assertThat(update.json().get("query").asString()).isEqualTo("tags.stage = 'final'");
		assertThat(update.json().get("columns").size()).as("an update replaces the whole layout").isZero();
		assertThat(othersUpdate.status()).isEqualTo(403);
		assertThat(othersUpdate.json().get("detail").asString()).contains("only its creator or an admin");
		assertThat(othersDelete.status()).isEqualTo(403);
		assertThat(viewerDelete.status()).isEqualTo(403);
		assertThat(as(Role.VIEWER).get("/api/v1/views/" + admins).json().get("name").asString()).isEqualTo("admins");
		assertThat(as(Role.ADMIN).send("PUT", "/api/v1/views/" + mine, "{\"name\": \"curated\"}").status())
			.isEqualTo(200);
		assertThat(as(Role.ADMIN).delete("/api/v1/views/" + mine).status()).isEqualTo(204);
		assertThat(as(Role.MEMBER).delete("/api/v1/views/" + admins).status()).isEqualTo(403);
		assertThat(as(Role.VIEWER).get("/api/v1/views/" + mine).status()).isEqualTo(404);
	}

	@Test
	void names_are_unique_in_a_project_so_a_second_view_of_the_same_name_is_a_409_on_create_and_on_rename() {
		create(Role.MEMBER, "baseline");
		var other = create(Role.MEMBER, "other");

		var duplicate = as(Role.ADMIN).post(views, LAYOUT.formatted("baseline"));
		var rename = as(Role.MEMBER).send("PUT", "/api/v1/views/" + other, "{\"name\": \"baseline\"}");

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("detail").asString()).contains("'baseline' already exists");
		assertThat(rename.status()).isEqualTo(409);
		assertThat(as(Role.VIEWER).get("/api/v1/views/" + other).json().get("name").asString()).isEqualTo("other");
	}

	@Test
	void a_create_retried_with_the_same_idempotency_key_answers_the_first_view_instead_of_a_409() {
		var member = as(Role.MEMBER).with("Idempotency-Key", "save-view-1");

		var first = member.post(views, LAYOUT.formatted("retried"));
		var retry = member.post(views, LAYOUT.formatted("retried"));

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(as(Role.VIEWER).get(views).json().get("items").size()).isEqualTo(1);
	}

	@Test
	void a_saved_view_keeps_column_widths_and_pins_and_refuses_a_width_out_of_bounds() {
		var member = as(Role.MEMBER);
		var created = member.post(views, "{\"name\": \"wide\", \"columns\": [\"name\", \"p:lr\"], "
				+ "\"widths\": {\"p:lr\": 240, \"name\": 300}, \"pinned\": [\"p:lr\"]}");
		var plain = member.post(views, "{\"name\": \"plain\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var view = as(Role.VIEWER).get("/api/v1/views/" + created.json().get("id").asString()).json();
		assertThat(view.at("/widths/p:lr").asInt()).isEqualTo(240);
		assertThat(view.at("/widths/name").asInt()).isEqualTo(300);
		assertThat(view.get("pinned").valueStream().map(c -> c.asString())).containsExactly("p:lr");
		assertThat(plain.json().get("widths").size()).as("no widths saved").isZero();
		assertThat(plain.json().get("pinned").size()).isZero();
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"widths\": {\"p:lr\": 5}}"))).contains("widths['p:lr']");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"pinned\": [\"\"]}"))).contains("pinned[0]");
	}

	@Test
	void bad_views_are_refused_with_a_400_naming_the_problem() {
		var member = as(Role.MEMBER);

		assertThat(detail(member.post(views, "{\"query\": \"x\"}"))).contains("name");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"sort\": {\"column\": \"name\", "
				+ "\"direction\": \"sideways\"}}"))).contains("sort.direction");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"columns\": [\"name\", \"\"]}")))
			.contains("columns[1]");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"charts\": {\"smoothing\": 1.5}}")))
			.contains("charts.smoothing");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"charts\": {\"xAxis\": \"epoch\"}}")))
			.contains("charts.xAxis");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"colour\": \"red\"}"))).contains("colour");
		assertThat(detail(member.post(views, "{\"name\": \"v\", \"query\": \"" + "x".repeat(4001) + "\"}")))
			.contains("query");
		assertThat(member.get("/api/v1/views/not-a-uuid").status()).isEqualTo(400);
		assertThat(as(Role.VIEWER).get(views).json().get("items").size()).as("nothing was saved").isZero();
	}

	@Test
	void another_tenants_views_and_projects_answer_404() {
		var globex = tenants.create();
		var theirs = new Http(port).bearer(globex.key(Role.ADMIN))
			.post("/api/v1/projects/" + globex.project().id() + "/views", LAYOUT.formatted("theirs"))
			.json()
			.get("id")
			.asString();
		var owner = as(Role.OWNER);

		assertThat(owner.get("/api/v1/views/" + theirs).status()).isEqualTo(404);
		assertThat(owner.send("PUT", "/api/v1/views/" + theirs, "{\"name\": \"mine now\"}").status()).isEqualTo(404);
		assertThat(owner.delete("/api/v1/views/" + theirs).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/projects/" + globex.project().id() + "/views").status()).isEqualTo(404);
		assertThat(owner.post("/api/v1/projects/" + globex.project().id() + "/views", LAYOUT.formatted("x")).status())
			.isEqualTo(404);
	}

	private static String detail(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		return response.json().get("detail").asString();
	}
}
