package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.billing.BillingPeriod;
import io.runledger.billing.CloseBillingPeriods;
import io.runledger.tenancy.Role;

/** Every list pages the same way: limit, cursor → nextCursor; a bad limit or cursor is a 400 naming it. */
@IntegrationTest
class PagingTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	CloseBillingPeriods closer;

	/** Walks a list two at a time and answers every item's value at {@code field}. */
	List<String> walk(Http http, String path, String field) {
		var seen = new ArrayList<String>();
		String cursor = null;
		for (int pages = 0; pages < 10; pages++) {
			var answer = http.get(path + (path.contains("?") ? "&" : "?") + "limit=2"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			var page = answer.json();
			assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
			page.path("items").forEach(item -> seen.add(item.at(field).asString()));
			cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
			if (cursor == null) {
				return seen;
			}
		}
		throw new AssertionError("the list never ended: " + seen);
	}

	void refusesBadLimitsAndCursors(Http http, String path) {
		var zero = http.get(path + "?limit=0");
		assertThat(zero.status()).as(path + " " + zero).isEqualTo(400);
		assertThat(zero.json().path("detail").asString()).contains("limit");
		var tooMany = http.get(path + "?limit=1001");
		assertThat(tooMany.status()).as(path + " " + tooMany).isEqualTo(400);
		var notANumber = http.get(path + "?limit=many");
		assertThat(notANumber.status()).as(path + " " + notANumber).isEqualTo(400);
		assertThat(notANumber.json().path("detail").asString()).contains("limit");
		var badCursor = http.get(path + "?cursor=%25%25not-base64");
		assertThat(badCursor.status()).as(path + " " + badCursor).isEqualTo(400);
		assertThat(badCursor.json().path("detail").asString()).contains("cursor");
	}

	@Test
	void aRunsMetricsArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var run = http.post("/api/v1/projects/" + tenant.project().id() + "/runs", "{}").json().path("id").asString();
		var logged = http.post("/api/v1/runs/" + run + "/metrics", """
				{"series": [{"key": "c", "steps": [0], "values": [1]}, {"key": "a", "steps": [0], "values": [1]},
				 {"key": "b", "steps": [0], "values": [1]}]}""");
		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		assertThat(walk(http, "/api/v1/runs/" + run + "/metrics", "/key")).containsExactly("a", "b", "c");
		refusesBadLimitsAndCursors(http, "/api/v1/runs/" + run + "/metrics");
	}

	@Test
	void metricAliasesArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var path = "/api/v1/projects/" + tenant.project().id() + "/metric-aliases";
		for (var source : List.of("x", "y", "z")) {
			var created = http.post(path, "{\"sourceKey\": \"" + source + "\", \"aliasKey\": \"" + source + "2\"}");
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
		assertThat(walk(http, path, "/sourceKey")).containsExactly("x", "y", "z");
		refusesBadLimitsAndCursors(http, path);
		var foreignShape = http.get(path + "?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("x".getBytes()));
		assertThat(foreignShape.status()).as(foreignShape.toString()).isEqualTo(400);
	}

	@Test
	void artifactsArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		for (var name : List.of("gamma", "alpha", "beta")) {
			var draft = http.post("/api/v1/projects/" + tenant.project().id() + "/artifacts",
					"{\"name\": \"" + name + "\", \"type\": \"model\"}").json();
			var version = "/api/v1/artifacts/" + draft.path("artifactId").asString() + "/versions/"
					+ draft.path("version").asInt();
			assertThat(http.send("PUT", version + "/file?path=w.bin", "weights").status()).isEqualTo(201);
			assertThat(http.post(version + "/commit", "{}").status()).isEqualTo(200);
		}
		var path = "/api/v1/projects/" + tenant.project().id() + "/artifacts";
		assertThat(walk(http, path, "/name")).containsExactly("alpha", "beta", "gamma");
		refusesBadLimitsAndCursors(http, path);
	}

	@Test
	void budgetsArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN));
		for (var name : List.of("first", "second", "third")) {
			var created = http.post("/api/v1/budgets",
					"{\"name\": \"" + name + "\", \"meter\": \"DATA_POINTS\", \"limit\": 1000}");
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
		assertThat(walk(http, "/api/v1/budgets", "/budget/name")).containsExactly("first", "second", "third");
		refusesBadLimitsAndCursors(http, "/api/v1/budgets");
	}

	@Test
	void invoicesArePagedNewestFirst() {
		var tenant = tenants.create();
		for (var month : List.of("2024-01", "2024-02", "2024-03")) {
			closer.close(tenant.orgId(), BillingPeriod.of(YearMonth.parse(month)));
		}
		var http = new Http(port).bearer(tenant.key(Role.ADMIN));
		assertThat(walk(http, "/api/v1/billing/invoices", "/period/start")).hasSize(3)
			.satisfiesExactly(start -> assertThat(start).startsWith("2024-03"),
					start -> assertThat(start).startsWith("2024-02"), start -> assertThat(start).startsWith("2024-01"));
		refusesBadLimitsAndCursors(http, "/api/v1/billing/invoices");
	}

	@Test
	void invitationsArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN));
		for (var who : List.of("carol", "alice", "bob")) {
			var invited = http.post("/api/v1/invitations",
					"{\"email\": \"" + who + "@" + tenant.slug() + ".example\", \"role\": \"VIEWER\"}");
			assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
		}
		assertThat(walk(http, "/api/v1/invitations", "/email")).hasSize(3)
			.satisfiesExactly(email -> assertThat(email).startsWith("alice"),
					email -> assertThat(email).startsWith("bob"), email -> assertThat(email).startsWith("carol"));
		refusesBadLimitsAndCursors(http, "/api/v1/invitations");
	}

	@Test
	void identityProvidersArePaged() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.ADMIN));
		var empty = http.get("/api/v1/organisation/identity-providers?limit=2");
		assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
		assertThat(empty.json().path("items").isArray()).isTrue();
		assertThat(empty.json().path("items").size()).isZero();
		refusesBadLimitsAndCursors(http, "/api/v1/organisation/identity-providers");
	}
}
