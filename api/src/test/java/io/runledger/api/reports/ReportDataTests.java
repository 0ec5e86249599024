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

@IntegrationTest
class ReportDataTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	ReportFixtures fixtures;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		fixtures = new ReportFixtures(member, acme.project().id().toString());
	}

	@Test
	void a_live_run_set_picks_up_a_run_that_arrives_after_the_report_was_saved() {
		fixtures.run("a", "sweep", 100);
		fixtures.run("other", "debug", 100);
		var id = fixtures.create(ReportFixtures.content("live", "{\"filter\": \"tags.stage = 'sweep'\"}"));
		assertThat(runsOfChart(id)).hasSize(1);

		var later = fixtures.run("b", "sweep", 100);

		assertThat(runsOfChart(id)).hasSize(2).contains(later);
	}

	@Test
	void panels_render_through_the_series_and_search_code_downsampled_on_the_server() {
		var a = fixtures.run("a", "sweep", 1000);
		var b = fixtures.run("b", "sweep", 1000);
		var id = fixtures.create(ReportFixtures.content("data", "{\"runIds\": [\"" + a + "\", \"" + b + "\"]}"));

		var data = member.get("/api/v1/reports/" + id + "/data");

		assertThat(data.status()).as(data.toString()).isEqualTo(200);
		var panels = data.json().get("panels");
		// The three panels in order, then the artifact block, resolved (to nothing: no artifact "resnet" exists).
		assertThat(panels.valueStream().map(p -> p.get("blockId").asString())).containsExactly("loss", "table",
				"best", "model");
		assertThat(panels.get(3).get("type").asString()).isEqualTo("artifactReference");
		assertThat(panels.get(3).has("artifact")).isFalse();
		var chart = panels.get(0);
		assertThat(chart.get("series").size()).isEqualTo(2);
		assertThat(chart.at("/series/0/pointCount").asLong()).isEqualTo(1000);
		assertThat(chart.at("/series/0/x").size()).isEqualTo(50);
		// EMA smoothing keeps the first point and lags behind the falling loss after it.
		assertThat(chart.at("/series/0/y/0").asDouble()).isEqualTo(1.0);
		assertThat(chart.at("/series/0/y/49").asDouble()).isGreaterThan(1.0 / 1000);
		var row = panels.get(1).at("/rows/0/cells");
		assertThat(row.get("state").asString()).isEqualTo("RUNNING");
		assertThat(row.get("params.lr").asString()).isEqualTo("0.1");
		assertThat(row.get("tags.stage").asString()).isEqualTo("sweep");
		assertThat(row.get("metrics.loss").asDouble()).isEqualTo(1.0 / 1000);
		assertThat(panels.get(2).at("/rows/0/values/accuracy").asDouble()).isEqualTo(999 / 1000.0);
	}

	@Test
	void a_deleted_run_leaves_a_fixed_run_set() {
		var a = fixtures.run("a", "sweep", 10);
		var b = fixtures.run("b", "sweep", 10);
		var id = fixtures.create(ReportFixtures.content("fixed", "{\"runIds\": [\"" + a + "\", \"" + b + "\"]}"));

		assertThat(member.delete("/api/v1/runs/" + b).status()).isEqualTo(204);

		assertThat(runsOfChart(id)).containsExactly(a);
	}

	@Test
	void an_old_version_renders_its_own_panels() {
		fixtures.run("a", "sweep", 10);
		var id = fixtures.create(ReportFixtures.content("v1", "{\"filter\": \"\"}"));
		member.send("PUT", "/api/v1/reports/" + id, ReportFixtures.withVersion("{\"title\": \"v2\", \"blocks\": []}", 1));

		var current = member.get("/api/v1/reports/" + id + "/data");
		var old = member.get("/api/v1/reports/" + id + "/versions/1/data");

		assertThat(current.json().get("panels").size()).isZero();
		assertThat(old.status()).as(old.toString()).isEqualTo(200);
		assertThat(old.json().get("version").asInt()).isEqualTo(1);
		assertThat(old.json().get("panels").size()).isEqualTo(4); // three panels and the artifact block
	}

	private java.util.List<String> runsOfChart(String reportId) {
		var data = member.get("/api/v1/reports/" + reportId + "/data");
		assertThat(data.status()).as(data.toString()).isEqualTo(200);
		return data.json().at("/panels/0/runs").valueStream().map(r -> r.get("id").asString()).toList();
	}
}
