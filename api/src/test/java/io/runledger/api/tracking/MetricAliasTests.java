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

@IntegrationTest
class MetricAliasTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	TrackingClient client;

	String first;

	String second;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		client = new TrackingClient(new Http(port).bearer(acme.key(Role.MEMBER)));
		first = client.startRun(acme.project().id().toString());
		second = client.startRun(acme.project().id().toString());
		for (var run : new String[] { first, second }) {
			client.log(run, TrackingClient.batch(null, TrackingClient.series("val_loss", new long[] { 0, 1 },
					new long[] { 0, 1 }, new double[] { 2, 1 })));
		}
	}

	@Test
	void a_project_wide_alias_renames_the_metric_in_reads_without_rewriting_points() {
		var created = client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"validation/loss\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var metrics = client.http().get("/api/v1/runs/" + first + "/metrics").json().get("items");
		assertThat(metrics.get(0).get("key").asString()).isEqualTo("validation/loss");
		assertThat(metrics.get(0).get("loggedAs").asString()).isEqualTo("val_loss");
		assertThat(client.points(first, "validation%2Floss").values()).containsExactly(2.0, 1.0);
		var chart = client.http().post("/api/v1/series/query", "{\"runIds\":[\"" + second
				+ "\"],\"keys\":[\"validation/loss\"],\"mode\":\"RAW\"}").json();
		assertThat(chart.get("series").get(0).get("y").size()).isEqualTo(2);
	}

	@Test
	void an_alias_for_some_runs_leaves_the_others_alone_and_new_points_follow_it() {
		client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"vl\",\"runIds\":[\"" + first
				+ "\"]}");
		client.log(first, TrackingClient.batch(null,
				TrackingClient.series("val_loss", new long[] { 2 }, new long[] { 2 }, new double[] { 0.5 })));

		assertThat(client.http().get("/api/v1/runs/" + first + "/metrics").json().get("items").get(0).get("key").asString())
			.isEqualTo("vl");
		assertThat(client.http().get("/api/v1/runs/" + second + "/metrics").json().get("items").get(0).get("key").asString())
			.isEqualTo("val_loss");
		assertThat(client.points(first, "vl").values()).containsExactly(2.0, 1.0, 0.5);
	}

	@Test
	void a_new_run_logging_the_source_key_shows_it_under_the_alias() {
		client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"vl\"}");
		var third = client.startRun(acme.project().id().toString());

		client.log(third, TrackingClient.batch(null,
				TrackingClient.series("val_loss", new long[] { 0 }, new long[] { 0 }, new double[] { 3 })));

		assertThat(client.http().get("/api/v1/runs/" + third + "/metrics").json().get("items").get(0).get("key").asString())
			.isEqualTo("vl");
	}

	@Test
	void search_filters_and_sorts_by_the_alias() {
		client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"vl\",\"runIds\":[\"" + first
				+ "\"]}");

		var byAlias = client.http().post("/api/v1/projects/" + acme.project().id() + "/runs/search",
				"{\"filter\":\"metrics.vl < 5\",\"orderBy\":[\"metrics.vl ASC\"]}").json();
		var byLoggedKey = client.http().post("/api/v1/projects/" + acme.project().id() + "/runs/search",
				"{\"filter\":\"metrics.val_loss < 5\"}").json();

		assertThat(byAlias.get("runs").valueStream().map(r -> r.get("id").asString())).containsExactly(first);
		assertThat(byLoggedKey.get("runs").valueStream().map(r -> r.get("id").asString())).containsExactly(second);
	}

	@Test
	void deleting_the_alias_restores_the_logged_key() {
		var alias = client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"vl\"}").json();

		var deleted = client.http().delete(aliases() + "/" + alias.get("id").asString());

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(client.http().get("/api/v1/runs/" + first + "/metrics").json().get("items").get(0).get("key").asString())
			.isEqualTo("val_loss");
	}

	@Test
	void an_alias_that_would_clash_with_an_existing_metric_is_refused() {
		client.log(first, TrackingClient.batch(null,
				TrackingClient.series("loss", new long[] { 0 }, new long[] { 0 }, new double[] { 1 })));

		var clash = client.http().post(aliases(), "{\"sourceKey\":\"val_loss\",\"aliasKey\":\"loss\"}");

		assertThat(clash.status()).isEqualTo(409);
	}

	private String aliases() {
		return "/api/v1/projects/" + acme.project().id() + "/metric-aliases";
	}
}
