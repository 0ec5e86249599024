package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

/** Grouping the runs a search finds: the runs table's "group by" with counts and metric aggregates. */
@IntegrationTest
class RunGroupsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	String groups;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		groups = "/api/v1/projects/" + acme.project().id() + "/runs/search/groups";
	}

	/** A run with an optimizer (or none), a stage tag, and a final val/loss (or none). */
	private void run(String optimizer, String stage, Double loss) {
		var config = optimizer == null ? "" : ", \"config\": {\"optimizer\": {\"name\": \"" + optimizer + "\"}}";
		var created = member.post("/api/v1/projects/" + acme.project().id() + "/runs",
				"{\"tags\": {\"stage\": \"" + stage + "\"}" + config + "}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		if (loss != null) {
			var logged = new TrackingClient(member).log(created.json().get("id").asString(), TrackingClient
				.batch(null, TrackingClient.series("val/loss", new long[] { 0, 1 }, new long[] { 1000, 2000 },
						new double[] { 9.0, loss })));
			assertThat(logged.status()).as(logged.toString()).isLessThan(300);
		}
	}

	private JsonNode group(JsonNode answer, String value) {
		for (var group : answer.get("groups")) {
			if (value == null ? absent(group.path("value")) : value.equals(group.path("value").asString())) {
				return group;
			}
		}
		throw new AssertionError("no group " + value + " in " + answer);
	}

	private static boolean absent(JsonNode node) {
		return node.isNull() || node.isMissingNode();
	}

	@Test
	void runs_group_by_a_config_entry_with_counts_and_the_mean_min_and_max_of_a_metrics_last_values() {
		run("adam", "sweep", 0.2);
		run("adam", "sweep", 0.4);
		run("adam", "final", null);
		run("sgd", "sweep", 0.9);
		run(null, "sweep", 0.5);

		var answer = member.post(groups, "{\"groupBy\": \"config.optimizer.name\", \"metric\": \"val/loss\"}");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		var json = answer.json();
		assertThat(json.get("groups").valueStream().map(g -> g.get("runs").asLong())).containsExactly(3L, 1L, 1L);
		var adam = group(json, "adam");
		assertThat(adam.at("/metric/runs").asLong()).as("runs that logged the metric").isEqualTo(2);
		assertThat(adam.at("/metric/mean").asDouble()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(adam.at("/metric/min").asDouble()).isEqualTo(0.2);
		assertThat(adam.at("/metric/max").asDouble()).isEqualTo(0.4);
		assertThat(group(json, "sgd").at("/metric/mean").asDouble()).isEqualTo(0.9);
		assertThat(group(json, null).get("runs").asLong()).as("runs without the key form a group").isEqualTo(1);
		assertThat(json.get("truncated").asBoolean()).isFalse();
	}

	@Test
	void groups_honour_the_search_filter_and_group_by_tags_and_attributes_too() {
		run("adam", "sweep", 0.2);
		run("sgd", "final", 0.9);
		run("sgd", "sweep", 0.7);

		var byStage = member.post(groups, "{\"groupBy\": \"tags.stage\", \"filter\": \"params.`optimizer.name` = 'sgd'\"}")
			.json();
		var byState = member.post(groups, "{\"groupBy\": \"state\"}").json();

		assertThat(byStage.get("groups").size()).isEqualTo(2);
		assertThat(group(byStage, "sweep").get("runs").asLong()).isEqualTo(1);
		assertThat(group(byStage, "final").get("runs").asLong()).isEqualTo(1);
		assertThat(absent(group(byStage, "final").path("metric"))).as("no metric asked for").isTrue();
		assertThat(group(byState, "RUNNING").get("runs").asLong()).isEqualTo(3);
	}

	@Test
	void a_missing_or_ungroupable_key_or_a_bad_filter_is_a_400_naming_it_and_another_tenants_project_is_404() {
		var globex = tenants.create();

		var missing = member.post(groups, "{}");
		var time = member.post(groups, "{\"groupBy\": \"started_at\"}");
		var metric = member.post(groups, "{\"groupBy\": \"metrics.loss\"}");
		var filter = member.post(groups, "{\"groupBy\": \"state\", \"filter\": \"metrics.loss <\"}");
		var theirs = member.post("/api/v1/projects/" + globex.project().id() + "/runs/search/groups",
				"{\"groupBy\": \"state\"}");

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("detail").asString()).contains("groupBy is required");
		assertThat(time.status()).isEqualTo(400);
		assertThat(time.json().get("detail").asString()).contains("cannot group");
		assertThat(metric.status()).isEqualTo(400);
		assertThat(metric.json().get("detail").asString()).contains("cannot group");
		assertThat(filter.status()).isEqualTo(400);
		assertThat(theirs.status()).isEqualTo(404);
	}
}
