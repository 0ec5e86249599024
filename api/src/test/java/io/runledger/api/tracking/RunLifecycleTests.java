package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

@IntegrationTest
class RunLifecycleTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	CrashDetector crashDetector;

	@Autowired
	TenantTransactions tx;

	@Autowired
	JdbcClient jdbc;

	TestTenants.Tenant acme;

	Http member;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
	}

	@Test
	void a_run_starts_running_with_tags_and_nested_config_flattened_into_params() {
		var response = member.post("/api/v1/projects/" + acme.project().id() + "/runs", """
				{"name": "resnet-1", "group": "sweep-7", "tags": {"team": "vision"},
				 "config": {"optimizer": {"name": "adam", "lr": 0.001}, "epochs": 10}}""");

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		var run = response.json();
		assertThat(run.get("state").asString()).isEqualTo("RUNNING");
		assertThat(run.get("name").asString()).isEqualTo("resnet-1");
		assertThat(run.get("group").asString()).isEqualTo("sweep-7");
		assertThat(run.at("/tags/team").asString()).isEqualTo("vision");
		assertThat(run.at("/params/optimizer.name").asString()).isEqualTo("adam");
		assertThat(run.at("/params/optimizer.lr").asString()).isEqualTo("0.001");
		assertThat(run.at("/config/optimizer/lr").asDouble()).isEqualTo(0.001);
	}

	@Test
	void a_run_with_an_empty_config_starts_with_no_params_and_a_nested_empty_object_is_kept_as_a_value() {
		var empty = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{\"name\": \"e\", \"config\": {}}");
		var nested = member.post("/api/v1/projects/" + acme.project().id() + "/runs",
				"{\"name\": \"n\", \"config\": {\"scheduler\": {}}}");

		assertThat(empty.status()).as(empty.toString()).isEqualTo(201);
		assertThat(empty.json().get("params").isEmpty()).isTrue();
		assertThat(nested.status()).as(nested.toString()).isEqualTo(201);
		assertThat(nested.json().at("/params/scheduler").asString()).isEqualTo("{}");
	}

	@Test
	void params_are_write_once_but_repeating_the_same_value_is_fine() {
		var run = new TrackingClient(member).startRun(acme.project().id().toString());

		var first = member.post("/api/v1/runs/" + run + "/params", "{\"lr\":\"0.1\",\"bs\":\"32\"}");
		var same = member.post("/api/v1/runs/" + run + "/params", "{\"lr\":\"0.1\"}");
		var different = member.post("/api/v1/runs/" + run + "/params", "{\"lr\":\"0.2\",\"new\":\"x\"}");

		assertThat(first.status()).isEqualTo(200);
		assertThat(same.status()).isEqualTo(200);
		assertThat(different.status()).isEqualTo(409);
		assertThat(different.json().get("detail").asString()).contains("write-once").contains("'lr' is '0.1'");
		assertThat(member.get("/api/v1/runs/" + run).json().get("params").has("new")).isFalse();
	}

	@Test
	void tags_overwrite_and_can_be_deleted() {
		var run = new TrackingClient(member).startRun(acme.project().id().toString());

		member.send("PUT", "/api/v1/runs/" + run + "/tags", "{\"stage\":\"dev\",\"owner\":\"mia\"}");
		var updated = member.send("PUT", "/api/v1/runs/" + run + "/tags", "{\"stage\":\"prod\"}");
		var deleted = member.delete("/api/v1/runs/" + run + "/tags?key=owner");
		var missing = member.delete("/api/v1/runs/" + run + "/tags?key=owner");

		assertThat(updated.json().get("stage").asString()).isEqualTo("prod");
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(missing.status()).isEqualTo(404);
	}

	@Test
	void finishing_records_the_end_and_reopening_clears_it() {
		var run = new TrackingClient(member).startRun(acme.project().id().toString());

		var finished = member.patch("/api/v1/runs/" + run, "{\"state\":\"FAILED\"}").json();
		var again = member.patch("/api/v1/runs/" + run, "{\"state\":\"KILLED\"}");
		var reopened = member.patch("/api/v1/runs/" + run, "{\"state\":\"RUNNING\"}").json();

		assertThat(finished.get("state").asString()).isEqualTo("FAILED");
		assertThat(finished.get("endTime").isNull()).isFalse();
		assertThat(again.status()).isEqualTo(409);
		assertThat(reopened.get("state").asString()).isEqualTo("RUNNING");
		assertThat(reopened.get("endTime")).isNull();
	}

	@Test
	void a_silent_run_becomes_crashed_at_its_last_heartbeat_and_a_later_write_revives_it() {
		var client = new TrackingClient(member);
		var run = client.startRun(acme.project().id().toString());
		tx.writeVoid(acme.orgId(), () -> jdbc.sql(
				"update runs set heartbeat_at = now() - interval '1 day' where run_id = ?::uuid").param(run).update());

		crashDetector.markSilentRunsCrashed();
		var crashed = member.get("/api/v1/runs/" + run).json();
		client.log(run, TrackingClient.batch(null,
				TrackingClient.series("x", new long[] { 0 }, new long[] { 0 }, new double[] { 1 })));
		var revived = member.get("/api/v1/runs/" + run).json();

		assertThat(crashed.get("state").asString()).isEqualTo("CRASHED");
		assertThat(crashed.get("endTime").asString()).isEqualTo(crashed.get("heartbeatTime").asString());
		assertThat(revived.get("state").asString()).isEqualTo("RUNNING");
	}

	@Test
	void clients_cannot_claim_crashed_and_bad_states_are_named() {
		var run = new TrackingClient(member).startRun(acme.project().id().toString());

		var crashed = member.patch("/api/v1/runs/" + run, "{\"state\":\"CRASHED\"}");
		var bogus = member.patch("/api/v1/runs/" + run, "{\"state\":\"DONE\"}");

		assertThat(crashed.status()).isEqualTo(400);
		assertThat(bogus.status()).isEqualTo(400);
		assertThat(bogus.json().get("detail").asString()).contains("state must be one of");
	}

	@Test
	void another_tenant_sees_no_run_and_a_viewer_cannot_start_one() {
		var run = new TrackingClient(member).startRun(acme.project().id().toString());
		var globex = tenants.create();

		assertThat(new Http(port).bearer(globex.key(Role.OWNER)).get("/api/v1/runs/" + run).status()).isEqualTo(404);
		assertThat(new Http(port).bearer(acme.key(Role.VIEWER))
			.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}")
			.status()).isEqualTo(403);
		assertThat(new Http(port).bearer(globex.key(Role.OWNER))
			.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}")
			.status()).isEqualTo(404);
	}
}
