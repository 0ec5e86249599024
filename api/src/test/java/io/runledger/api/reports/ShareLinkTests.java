package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

@IntegrationTest
class ShareLinkTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	TestTenants.Tenant acme;

	Http member;

	Http anonymous;

	ReportFixtures fixtures;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		anonymous = new Http(port);
		fixtures = new ReportFixtures(member, acme.project().id().toString());
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void a_share_link_reads_the_report_and_its_panel_data_without_any_credential_and_counts_views() {
		var shown = fixtures.run("shown", "sweep", 100);
		var id = fixtures.create(ReportFixtures.content("Public", "{\"filter\": \"tags.stage = 'sweep'\"}"));
		var issued = member.post("/api/v1/reports/" + id + "/share-links", "{}");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		var token = issued.json().get("token").asString();

		var report = anonymous.get("/api/v1/shared/reports/" + token);
		var data = anonymous.get("/api/v1/shared/reports/" + token + "/data");
		anonymous.get("/api/v1/shared/reports/" + token);

		assertThat(token).matches("rls_[A-Za-z0-9_-]{32}");
		assertThat(issued.json().get("path").asString()).isEqualTo("/api/v1/shared/reports/" + token);
		// Without runledger.reports.public-base-url, the page a person opens is on the address the request came to.
		assertThat(issued.json().get("url").asString()).isEqualTo("http://127.0.0.1:" + port + "/shared/" + token);
		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		assertThat(report.json().get("title").asString()).isEqualTo("Public");
		assertThat(report.json().get("blocks").size()).isEqualTo(5);
		assertThat(report.json().has("createdBy")).isFalse();
		assertThat(report.header("Cache-Control")).contains("no-store");
		assertThat(report.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(data.status()).as(data.toString()).isEqualTo(200);
		assertThat(data.json().at("/panels/0/runs/0/id").asString()).isEqualTo(shown);
		assertThat(data.json().at("/panels/0/series/0/pointCount").asLong()).isEqualTo(100);
		var links = member.get("/api/v1/reports/" + id + "/share-links").json().get("items");
		assertThat(links.get(0).get("viewCount").asLong()).isEqualTo(2);
		assertThat(links.get(0).get("tokenPrefix").asString()).isEqualTo(token.substring(0, 8));
		assertThat(links.toString()).doesNotContain(token);
	}

	@Test
	void a_share_link_reaches_nothing_beyond_its_reports_panels_even_by_guessing_ids() {
		var inSet = fixtures.run("in", "sweep", 10);
		var outside = fixtures.run("outside", "private", 10);
		var id = fixtures.create(ReportFixtures.content("Shared", "{\"filter\": \"tags.stage = 'sweep'\"}"));
		var other = fixtures.create(ReportFixtures.content("Secret", "{\"filter\": \"\"}"));
		var token = member.post("/api/v1/reports/" + id + "/share-links", "{}").json().get("token").asString();
		var shared = "/api/v1/shared/reports/" + token;

		var data = anonymous.get(shared + "/data");

		assertThat(data.body()).contains(inSet).doesNotContain(outside).doesNotContain("Secret");
		for (var path : new String[] { "/api/v1/runs/" + outside, "/api/v1/runs/" + outside + "/metrics",
				"/api/v1/reports/" + other, "/api/v1/reports/" + id, "/api/v1/reports/" + other + "/data",
				"/api/v1/projects/" + acme.project().id() + "/reports", "/api/v1/projects/" + acme.project().id() }) {
			assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
			assertThat(anonymous.with("X-Share-Token", token).get(path).status()).as(path).isEqualTo(401);
		}
		for (var path : new String[] { shared + "/runs/" + outside, shared + "/../" + other,
				"/api/v1/shared/reports/" + other, "/api/v1/shared/reports/" + other + "/data",
				"/api/v1/shared/runs/" + outside, "/api/v1/shared/reports/" + token.replace('A', 'B') + "x",
				"/api/v1/shared/reports/rls_" + "A".repeat(32) }) {
			var response = anonymous.get(path);
			assertThat(response.status()).as(path).isIn(400, 401, 403, 404);
			// Problem answers echo the path (instance); what must never appear is report or run data.
			assertThat(response.body()).as(path).doesNotContain("Secret").doesNotContain("\"name\"")
				.doesNotContain("\"panels\"");
		}
		assertThat(anonymous.post(shared, "{}").status()).isIn(401, 403);
		assertThat(anonymous.send("PUT", "/api/v1/reports/" + id, "{}").status()).isIn(401, 403);
	}

	@Test
	void a_revoked_link_stops_working_at_once_and_creation_and_revocation_are_audited() {
		var id = fixtures.create(ReportFixtures.content("t", "{\"filter\": \"\"}"));
		var issued = member.post("/api/v1/reports/" + id + "/share-links", "{}").json();
		var token = issued.get("token").asString();
		var linkId = issued.at("/link/id").asString();
		assertThat(anonymous.get("/api/v1/shared/reports/" + token).status()).isEqualTo(200);

		var revoked = member.delete("/api/v1/reports/" + id + "/share-links/" + linkId);

		assertThat(revoked.status()).isEqualTo(204);
		assertThat(anonymous.get("/api/v1/shared/reports/" + token).status()).isEqualTo(404);
		assertThat(anonymous.get("/api/v1/shared/reports/" + token + "/data").status()).isEqualTo(404);
		assertThat(member.get("/api/v1/reports/" + id + "/share-links").json().at("/items/0/revokedAt").isNull())
			.isFalse();
		var audit = new Http(port).bearer(acme.key(Role.ADMIN)).get("/api/v1/audit-log").json().get("items");
		assertThat(audit.valueStream().filter(e -> linkId.equals(e.get("targetId").asString()))
			.map(e -> e.get("action").asString())).containsExactly("report.share_link.revoked",
					"report.share_link.created");
	}

	@Test
	void a_link_stops_working_when_it_expires() {
		var now = Instant.parse("2026-06-01T12:00:00Z");
		clock.freezeAt(now);
		var id = fixtures.create(ReportFixtures.content("t", "{\"filter\": \"\"}"));
		var token = member.post("/api/v1/reports/" + id + "/share-links",
				"{\"expiresAt\": \"" + now.plus(Duration.ofDays(7)) + "\"}").json().get("token").asString();
		assertThat(anonymous.get("/api/v1/shared/reports/" + token).status()).isEqualTo(200);

		clock.advance(Duration.ofDays(7));

		assertThat(anonymous.get("/api/v1/shared/reports/" + token).status()).isEqualTo(404);
		assertThat(anonymous.get("/api/v1/shared/reports/" + token + "/data").status()).isEqualTo(404);
		assertThat(member.post("/api/v1/reports/" + id + "/share-links",
				"{\"expiresAt\": \"" + now.minusSeconds(1) + "\"}").status()).isEqualTo(400);
	}

	@Test
	void a_snapshot_link_keeps_the_version_and_data_of_its_moment_while_a_live_link_moves_on() {
		fixtures.run("first", "sweep", 10);
		var id = fixtures.create(ReportFixtures.content("then", "{\"filter\": \"tags.stage = 'sweep'\"}"));
		var snapshot = member.post("/api/v1/reports/" + id + "/share-links", "{\"snapshot\": true}").json();
		var live = member.post("/api/v1/reports/" + id + "/share-links", "{}").json().get("token").asString();

		var later = fixtures.run("later", "sweep", 10);
		member.send("PUT", "/api/v1/reports/" + id,
				ReportFixtures.withVersion(ReportFixtures.content("now", "{\"filter\": \"tags.stage = 'sweep'\"}"), 1));

		var frozen = "/api/v1/shared/reports/" + snapshot.get("token").asString();
		assertThat(snapshot.at("/link/snapshotVersion").asInt()).isEqualTo(1);
		assertThat(anonymous.get(frozen).json().get("title").asString()).isEqualTo("then");
		assertThat(anonymous.get(frozen).json().get("snapshotAt").isNull()).isFalse();
		assertThat(anonymous.get(frozen + "/data").json().at("/panels/0/runs").size()).isEqualTo(1);
		assertThat(anonymous.get(frozen + "/data").body()).doesNotContain(later);
		assertThat(anonymous.get("/api/v1/shared/reports/" + live).json().get("title").asString()).isEqualTo("now");
		assertThat(anonymous.get("/api/v1/shared/reports/" + live + "/data").json().at("/panels/0/runs").size())
			.isEqualTo(2);
	}

	@Test
	void only_editors_manage_share_links_and_another_organisation_gets_404() {
		var id = fixtures.create(ReportFixtures.content("t", "{\"filter\": \"\"}"));
		var viewer = new Http(port).bearer(acme.key(Role.VIEWER));
		var globex = new Http(port).bearer(tenants.create().key(Role.OWNER));
		var linkId = member.post("/api/v1/reports/" + id + "/share-links", "{}").json().at("/link/id").asString();

		assertThat(viewer.post("/api/v1/reports/" + id + "/share-links", "{}").status()).isEqualTo(403);
		assertThat(viewer.delete("/api/v1/reports/" + id + "/share-links/" + linkId).status()).isEqualTo(403);
		assertThat(globex.post("/api/v1/reports/" + id + "/share-links", "{}").status()).isEqualTo(404);
		assertThat(globex.get("/api/v1/reports/" + id + "/share-links").status()).isEqualTo(404);
		assertThat(globex.delete("/api/v1/reports/" + id + "/share-links/" + linkId).status()).isEqualTo(404);
		assertThat(member.delete("/api/v1/reports/" + id + "/share-links/" + UUID.randomUUID()).status())
			.isEqualTo(404);
	}
}
