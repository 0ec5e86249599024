package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import tools.jackson.databind.JsonNode;

/** The runs table's bulk actions: tag, untag, group, delete with an exact undo, restore; by ids or by filter. */
@IntegrationTest
class BulkRunActionsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

	TestTenants.Tenant acme;

	Http member;

	String bulk;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		bulk = "/api/v1/projects/" + acme.project().id() + "/runs/bulk";
	}

	private String run(String name, String stage) {
		var created = member.post("/api/v1/projects/" + acme.project().id() + "/runs",
				"{\"name\": \"" + name + "\", \"tags\": {\"stage\": \"" + stage + "\"}}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode ok(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private JsonNode view(String runId) {
		return ok(member.get("/api/v1/runs/" + runId));
	}

	private static String ids(String... ids) {
		return "[\"" + String.join("\", \"", ids) + "\"]";
	}

	@Test
	void tags_are_added_and_removed_and_the_group_set_and_cleared_on_the_listed_runs_only() {
		var a = run("a", "sweep");
		var b = run("b", "sweep");
		var untouched = run("c", "sweep");

		var added = ok(member.post(bulk, "{\"action\": \"addTags\", \"runIds\": " + ids(a, b)
				+ ", \"tags\": {\"review\": \"yes\", \"stage\": \"final\"}}"));
		var again = ok(member.post(bulk, "{\"action\": \"addTags\", \"runIds\": " + ids(a, b)
				+ ", \"tags\": {\"review\": \"yes\", \"stage\": \"final\"}}"));
		var grouped = ok(member.post(bulk, "{\"action\": \"setGroup\", \"runIds\": " + ids(a, b)
				+ ", \"group\": \"baseline\"}"));

		assertThat(added.get("changed").asLong()).isEqualTo(2);
		assertThat(again.get("changed").asLong()).as("nothing left to change").isZero();
		assertThat(grouped.get("changed").asLong()).isEqualTo(2);
		assertThat(view(a).at("/tags/review").asString()).isEqualTo("yes");
		assertThat(view(b).at("/tags/stage").asString()).isEqualTo("final");
		assertThat(view(b).get("group").asString()).isEqualTo("baseline");
		assertThat(view(untouched).at("/tags/stage").asString()).isEqualTo("sweep");
		assertThat(view(untouched).path("tags").has("review")).isFalse();
		assertThat(view(untouched).path("group").isString()).as("no group").isFalse();

		var removed = ok(member.post(bulk, "{\"action\": \"removeTags\", \"runIds\": " + ids(a, untouched)
				+ ", \"tagKeys\": [\"review\"]}"));
		var cleared = ok(member.post(bulk, "{\"action\": \"setGroup\", \"runIds\": " + ids(a) + ", \"group\": null}"));

		assertThat(removed.get("changed").asLong()).as("only a had the tag").isEqualTo(1);
		assertThat(view(a).path("tags").has("review")).isFalse();
		assertThat(view(b).at("/tags/review").asString()).isEqualTo("yes");
		assertThat(cleared.get("changed").asLong()).isEqualTo(1);
		assertThat(view(a).path("group").isString()).as("no group").isFalse();
		assertThat(view(b).get("group").asString()).isEqualTo("baseline");
	}

	@Test
	void a_filter_selects_the_runs_on_the_server_and_a_filter_matching_nothing_changes_nothing() {
		var sweep1 = run("s1", "sweep");
		var sweep2 = run("s2", "sweep");
		var other = run("o", "final");

		var tagged = ok(member.post(bulk, "{\"action\": \"addTags\", \"filter\": \"tags.stage = 'sweep'\", "
				+ "\"tags\": {\"batch\": \"7\"}}"));
		var nothing = ok(member.post(bulk, "{\"action\": \"delete\", \"filter\": \"tags.stage = 'nope'\"}"));

		assertThat(tagged.get("changed").asLong()).isEqualTo(2);
		assertThat(view(sweep1).at("/tags/batch").asString()).isEqualTo("7");
		assertThat(view(sweep2).at("/tags/batch").asString()).isEqualTo("7");
		assertThat(view(other).path("tags").has("batch")).isFalse();
		assertThat(nothing.get("changed").asLong()).isZero();
		assertThat(view(sweep1).get("deleted").asBoolean()).isFalse();
	}

	@Test
	void a_filter_with_except_ids_acts_on_every_matching_run_but_those_and_its_delete_is_undone_exactly() {
		var a = run("a", "sweep");
		var b = run("b", "sweep");
		var unticked = run("unticked", "sweep");
		var other = run("o", "final");
		var globex = tenants.create();
		var theirs = new Http(port).bearer(globex.key(Role.MEMBER))
			.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}").json().get("id").asString();

		var tagged = ok(member.post(bulk, "{\"action\": \"addTags\", \"filter\": \"tags.stage = 'sweep'\", "
				+ "\"exceptIds\": " + ids(unticked, other, theirs) + ", \"tags\": {\"batch\": \"7\"}}"));
		var grouped = ok(member.post(bulk, "{\"action\": \"setGroup\", \"filter\": \"\", \"exceptIds\": "
				+ ids(a) + ", \"group\": \"rest\"}"));
		var deleted = ok(member.post(bulk, "{\"action\": \"delete\", \"filter\": \"tags.stage = 'sweep'\", "
				+ "\"exceptIds\": " + ids(b) + "}"));

		assertThat(tagged.get("changed").asLong()).as("a and b; other does not match anyway").isEqualTo(2);
		assertThat(view(a).at("/tags/batch").asString()).isEqualTo("7");
		assertThat(view(b).at("/tags/batch").asString()).isEqualTo("7");
		assertThat(view(unticked).path("tags").has("batch")).isFalse();
		assertThat(grouped.get("changed").asLong()).as("every run but a").isEqualTo(3);
		assertThat(view(a).path("group").isString()).as("no group").isFalse();
		assertThat(view(other).get("group").asString()).isEqualTo("rest");
		assertThat(deleted.get("changed").asLong()).isEqualTo(2);
		assertThat(view(a).get("deleted").asBoolean()).isTrue();
		assertThat(view(unticked).get("deleted").asBoolean()).isTrue();
		assertThat(view(b).get("deleted").asBoolean()).as("left out").isFalse();

		var undone = ok(member.post(bulk, "{\"action\": \"restore\", \"operationId\": \""
				+ deleted.get("operationId").asString() + "\"}"));
		assertThat(undone.get("changed").asLong()).isEqualTo(2);
		assertThat(view(a).get("deleted").asBoolean()).isFalse();
		assertThat(new Http(port).bearer(globex.key(Role.MEMBER)).get("/api/v1/runs/" + theirs).json().path("tags")
			.has("batch")).as("another tenant's run named in exceptIds is untouched").isFalse();
	}

	@Test
	void except_ids_into_another_tenants_project_are_a_404() {
		var globex = tenants.create();
		var theirMember = new Http(port).bearer(globex.key(Role.MEMBER));
		var theirs = theirMember.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}").json().get("id")
			.asString();
		var kept = theirMember.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}").json().get("id")
			.asString();

		var answer = member.post("/api/v1/projects/" + globex.project().id() + "/runs/bulk",
				"{\"action\": \"delete\", \"filter\": \"\", \"exceptIds\": " + ids(kept) + "}");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(theirMember.get("/api/v1/runs/" + theirs).json().get("deleted").asBoolean()).isFalse();
	}

	@Test
	void undoing_a_bulk_delete_restores_exactly_the_runs_that_call_deleted() {
		var earlier = run("deleted-before", "sweep");
		assertThat(member.delete("/api/v1/runs/" + earlier).status()).isEqualTo(204);
		var a = run("a", "sweep");
		var b = run("b", "sweep");
		var kept = run("kept", "final");

		var deleted = ok(member.post(bulk, "{\"action\": \"delete\", \"filter\": \"tags.stage = 'sweep'\"}"));
		var later = run("later", "sweep");
		assertThat(member.delete("/api/v1/runs/" + later).status()).isEqualTo(204);
		var undone = ok(member.post(bulk, "{\"action\": \"restore\", \"operationId\": \""
				+ deleted.get("operationId").asString() + "\"}"));

		assertThat(deleted.get("changed").asLong()).as("the earlier deleted run is not deleted again").isEqualTo(2);
		assertThat(undone.get("changed").asLong()).isEqualTo(2);
		assertThat(view(a).get("deleted").asBoolean()).isFalse();
		assertThat(view(b).get("deleted").asBoolean()).isFalse();
		assertThat(view(kept).get("deleted").asBoolean()).isFalse();
		assertThat(view(earlier).get("deleted").asBoolean()).as("deleted by another call").isTrue();
		assertThat(view(later).get("deleted").asBoolean()).as("matches the filter, deleted by another call").isTrue();
		var twice = ok(member.post(bulk, "{\"action\": \"restore\", \"operationId\": \""
				+ deleted.get("operationId").asString() + "\"}"));
		assertThat(twice.get("changed").asLong()).as("an undo is spent").isZero();
	}

	@Test
	void a_filter_delete_of_a_hundred_thousand_runs_is_undone_exactly_and_restore_by_filter_finds_deleted_runs() {
		var stray = run("stray", "sweep");
		assertThat(member.delete("/api/v1/runs/" + stray).status()).isEqualTo(204);
		tx.writeVoid(acme.orgId(), () -> jdbc.sql("""
				insert into runs (org_id, run_id, project_id, name, state, created_by, started_at, heartbeat_at,
				                  metered_until, running_since)
				select ?, gen_random_uuid(), ?, 'bulk-' || i, 'FINISHED', 'USER:test', now(), now(), now(), now()
				from generate_series(1, 100000) i""")
			.params(acme.orgId().value(), acme.project().id().value())
			.update());

		var deleted = ok(member.post(bulk, "{\"action\": \"delete\", \"filter\": \"name LIKE 'bulk-%'\"}"));
		var left = ok(member.post("/api/v1/projects/" + acme.project().id() + "/runs/search",
				"{\"count\": true, \"limit\": 1}"));
		var undone = ok(member.post(bulk, "{\"action\": \"restore\", \"operationId\": \""
				+ deleted.get("operationId").asString() + "\"}"));
		var back = ok(member.post("/api/v1/projects/" + acme.project().id() + "/runs/search",
				"{\"count\": true, \"limit\": 1}"));

		assertThat(deleted.get("changed").asLong()).isEqualTo(100_000);
		assertThat(left.get("total").asLong()).isZero();
		assertThat(undone.get("changed").asLong()).isEqualTo(100_000);
		assertThat(back.get("total").asLong()).isEqualTo(100_000);
		assertThat(view(stray).get("deleted").asBoolean()).as("deleted by another call").isTrue();

		var restored = ok(member.post(bulk, "{\"action\": \"restore\", \"filter\": \"name = 'stray'\"}"));
		assertThat(restored.get("changed").asLong()).isEqualTo(1);
		assertThat(view(stray).get("deleted").asBoolean()).isFalse();
	}

	@Test
	void another_tenants_project_is_404_and_its_run_ids_are_not_touched() {
		var globex = tenants.create();
		var theirMember = new Http(port).bearer(globex.key(Role.MEMBER));
		var theirs = theirMember.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}").json().get("id")
			.asString();
		var mine = run("mine", "sweep");

		var intoTheirProject = member.post("/api/v1/projects/" + globex.project().id() + "/runs/bulk",
				"{\"action\": \"delete\", \"filter\": \"\"}");
		var theirIds = ok(member.post(bulk, "{\"action\": \"delete\", \"runIds\": " + ids(theirs, mine) + "}"));

		assertThat(intoTheirProject.status()).isEqualTo(404);
		assertThat(theirIds.get("changed").asLong()).as("only my run").isEqualTo(1);
		assertThat(theirMember.get("/api/v1/runs/" + theirs).json().get("deleted").asBoolean()).isFalse();
	}

	@Test
	void viewers_may_not_act_in_bulk() {
		var a = run("a", "sweep");
		var viewer = new Http(port).bearer(acme.key(Role.VIEWER));

		var answer = viewer.post(bulk, "{\"action\": \"delete\", \"runIds\": " + ids(a) + "}");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(view(a).get("deleted").asBoolean()).isFalse();
	}

	@Test
	void bad_input_is_a_400_naming_the_field() {
		var a = run("a", "sweep");
		var tooMany = new ArrayList<String>();
		for (int i = 0; i < 10_001; i++) {
			tooMany.add(UUID.randomUUID().toString());
		}

		var cases = List.of(
				List.of("{\"runIds\": " + ids(a) + "}", "action is required"),
				List.of("{\"action\": \"explode\", \"runIds\": " + ids(a) + "}", "action must be one of"),
				List.of("{\"action\": \"delete\"}", "exactly one of runIds, filter or operationId"),
				List.of("{\"action\": \"delete\", \"runIds\": " + ids(a) + ", \"filter\": \"\"}", "exactly one of"),
				List.of("{\"action\": \"delete\", \"runIds\": " + ids(a, "nope") + "}", "runIds[1]"),
				List.of("{\"action\": \"delete\", \"runIds\": []}", "runIds must name at least one run"),
				List.of("{\"action\": \"delete\", \"runIds\": " + ids(tooMany.toArray(String[]::new)) + "}",
						"at most 10000"),
				List.of("{\"action\": \"addTags\", \"runIds\": " + ids(a) + "}", "tags must hold"),
				List.of("{\"action\": \"removeTags\", \"runIds\": " + ids(a) + "}", "tagKeys"),
				List.of("{\"action\": \"delete\", \"filter\": \"metrics.loss <\"}", "position"),
				List.of("{\"action\": \"delete\", \"runIds\": " + ids(a) + ", \"exceptIds\": " + ids(a) + "}",
						"exceptIds leaves runs out of a filter: only with filter"),
				List.of("{\"action\": \"delete\", \"filter\": \"\", \"exceptIds\": " + ids(a, "nope") + "}",
						"exceptIds[1] is not a run id"),
				List.of("{\"action\": \"delete\", \"filter\": \"\", \"exceptIds\": "
						+ ids(tooMany.toArray(String[]::new)) + "}", "exceptIds must hold at most 10000"),
				List.of("{\"action\": \"delete\", \"operationId\": \"" + UUID.randomUUID() + "\"}", "only for restore"),
				List.of("{\"action\": \"restore\", \"operationId\": \"zz\"}", "operationId"));

		for (var c : cases) {
			var answer = member.post(bulk, c.get(0));
			assertThat(answer.status()).as(c.get(0) + " → " + answer).isEqualTo(400);
			assertThat(answer.header("Content-Type")).contains("application/problem+json");
			assertThat(answer.json().get("detail").asString()).as(c.get(0)).contains(c.get(1));
		}
		assertThat(view(a).get("deleted").asBoolean()).isFalse();
	}

	@Test
	void each_bulk_call_is_one_audit_entry_with_its_count() {
		var a = run("a", "sweep");
		var b = run("b", "sweep");
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));

		ok(member.post(bulk, "{\"action\": \"delete\", \"runIds\": " + ids(a, b) + "}"));

		var entries = admin.get("/api/v1/audit-log?limit=1000").json().get("items");
		var bulkEntries = new ArrayList<JsonNode>();
		entries.forEach(e -> {
			if (e.get("action").asString().startsWith("runs.bulk.")) {
				bulkEntries.add(e);
			}
		});
		assertThat(bulkEntries).hasSize(1);
		assertThat(bulkEntries.getFirst().get("action").asString()).isEqualTo("runs.bulk.delete");
		assertThat(bulkEntries.getFirst().at("/details/runs").asLong()).isEqualTo(2);
	}
}
