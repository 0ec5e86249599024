package io.runledger.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/** The audit log is searchable by actor, action and time, paged, and exportable as CSV or JSON, per tenant. */
@IntegrationTest
class AuditLogTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	TestTenants.Tenant acme;

	Http admin;

	Http owner;

	Instant t0;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		admin = new Http(port).bearer(acme.key(Role.ADMIN));
		owner = new Http(port).bearer(acme.key(Role.OWNER));
		t0 = Instant.parse("2031-05-10T12:00:00Z");
		clock.freezeAt(t0);
		budget(admin, "first");
		clock.advance(Duration.ofHours(1));
		var second = budget(owner, "=second,\"quoted\"");
		owner.delete("/api/v1/budgets/" + second);
		clock.advance(Duration.ofHours(1));
		admin.post("/api/v1/api-keys", "{\"name\":\"audited\",\"role\":\"VIEWER\"}");
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	String budget(Http as, String name) {
		var created = as.post("/api/v1/budgets", "{\"name\":\"" + name.replace("\"", "\\\"")
				+ "\",\"meter\":\"DATA_POINTS\",\"limit\":10}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().at("/budget/id").asString();
	}

	static String q(Object value) {
		return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
	}

	List<String> actions(String query) {
		var response = admin.get("/api/v1/audit-log?" + query);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("items").valueStream().map(e -> e.get("action").asString()).toList();
	}

	@Test
	void entries_are_filtered_by_action_or_action_family_by_actor_and_by_a_half_open_time_window() {
		var ownerId = acme.people().get(Role.OWNER).toString();

		assertThat(actions("action=budget.created")).containsExactly("budget.created", "budget.created");
		assertThat(actions("action=budget.*")).containsExactly("budget.deleted", "budget.created", "budget.created");
		assertThat(actions("actor=" + q(ownerId) + "&action=budget.*")).containsExactly("budget.deleted",
				"budget.created");
		assertThat(actions("actorKind=user&from=" + q(t0.plusSeconds(3600)) + "&to=" + q(t0.plusSeconds(7200))))
			.containsExactly("budget.deleted", "budget.created");
		assertThat(actions("from=" + q(t0.plusSeconds(7200)))).containsExactly("api_key.created");
		assertThat(actions("actorKind=SYSTEM&action=budget.*")).isEmpty();
	}

	@Test
	void a_filtered_list_is_paged_with_the_filter_applied_on_every_page() {
		var first = admin.get("/api/v1/audit-log?action=budget.*&limit=2").json();
		var second = admin.get("/api/v1/audit-log?action=budget.*&limit=2&cursor=" + first.get("nextCursor").asString())
			.json();

		assertThat(first.get("items").size()).isEqualTo(2);
		assertThat(second.get("items").valueStream().map(e -> e.get("action").asString())).containsExactly(
				"budget.created");
		assertThat(second.has("nextCursor")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "action=Budget Created|action", "action=budget.*.*|action",
			"actorKind=ROBOT|actorKind", "from=yesterday|from", "to=2031-13-01T00:00:00Z|to",
			"from=2031-05-10T12:00:00Z&to=2031-05-10T12:00:00Z|from must be before to", "limit=0|limit",
			"cursor=x-y|cursor" })
	void a_bad_filter_is_a_400_naming_the_parameter_on_the_list_and_the_export(String query, String named) {
		for (var path : List.of("/api/v1/audit-log?", "/api/v1/audit-log/export?")) {
			if (path.endsWith("export?") && (named.equals("limit") || named.equals("cursor"))) {
				continue;
			}
			var response = admin.get(path + query.replace(" ", "%20"));

			assertThat(response.status()).as(path + query + " " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("detail").asString()).contains(named);
		}
	}

	@Test
	void the_export_streams_every_matching_entry_as_csv_by_format_or_accept_header_with_cells_made_safe() {
		var byFormat = admin.get("/api/v1/audit-log/export?format=csv&action=budget.*");
		var byAccept = admin.with("Accept", "text/csv").get("/api/v1/audit-log/export?action=budget.*");

		assertThat(byFormat.status()).as(byFormat.toString()).isEqualTo(200);
		assertThat(byFormat.contentType()).startsWith("text/csv");
		assertThat(byFormat.header("Content-Disposition")).contains("audit-log.csv");
		assertThat(byAccept.body()).isEqualTo(byFormat.body());
		var lines = byFormat.body().split("\r\n");
		assertThat(lines[0]).isEqualTo("id,at,actorKind,actorId,action,targetKind,targetId,details");
		assertThat(lines).hasSize(4);
		assertThat(lines[1]).contains(",budget.deleted,budget,");
		// The name's comma and quotes stay inside the quoted details cell (RFC 4180): one line per entry.
		assertThat(lines[2]).contains(",budget.created,budget,").endsWith("\"")
			.contains("\"\"name\"\":\"\"=second,\\\"\"quoted\\\"\"\"\"");
	}

	@Test
	void the_export_as_json_holds_the_same_entries_as_the_list_and_nothing_of_another_organisation() {
		var globex = tenants.create();
		var globexAdmin = new Http(port).bearer(globex.key(Role.ADMIN));
		budget(globexAdmin, "globex only");

		var exported = admin.get("/api/v1/audit-log/export?format=json").json();
		var listed = admin.get("/api/v1/audit-log?limit=1000").json().get("items");
		var theirs = globexAdmin.with("Accept", "application/json").get("/api/v1/audit-log/export").body();

		assertThat(exported.size()).isEqualTo(listed.size()).isGreaterThanOrEqualTo(4);
		assertThat(exported.get(0)).isEqualTo(listed.get(0));
		assertThat(exported.valueStream().map(e -> e.get("orgId").asString()).distinct().toList())
			.containsExactly(acme.orgId().toString());
		assertThat(theirs).contains("globex only").doesNotContain("=second").doesNotContain(acme.orgId().toString());
	}

	@Test
	void an_export_format_nobody_offers_is_refused() {
		assertThat(admin.get("/api/v1/audit-log/export?format=xml").status()).isEqualTo(400);
		assertThat(admin.with("Accept", "application/xml").get("/api/v1/audit-log/export").status()).isEqualTo(406);
	}
}
