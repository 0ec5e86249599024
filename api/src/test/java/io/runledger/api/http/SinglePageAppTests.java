package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;

/** The web UI's client-side routes answer its index.html on a full page load, and touch nothing under /api. */
@IntegrationTest
class SinglePageAppTests {

	static final String INDEX = "<!doctype html><title>Runledger test bundle</title><div id=\"root\"></div>";

	static final Path DIST = bundle();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void webDist(DynamicPropertyRegistry registry) {
		registry.add("spring.web.resources.static-locations", () -> DIST.toUri().toString());
	}

	@Test
	void a_share_link_page_loads_the_app_without_a_credential_and_keeps_the_token_out_of_referrers() {
		var page = browser().get("/shared/rls_" + "A".repeat(32));

		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.body()).isEqualTo(INDEX);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(page.header("Cache-Control")).contains("no-store");
	}

	@Test
	void a_report_page_loads_the_app_without_a_credential() {
		var page = browser().get("/reports/" + UUID.randomUUID());

		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.body()).isEqualTo(INDEX);
		assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
	}

	@Test
	void the_bundle_itself_is_served_and_the_root_is_the_app() {
		assertThat(browser().get("/").body()).isEqualTo(INDEX);
		assertThat(new Http(port).get("/assets/app.js").body()).isEqualTo("console.log('runledger')");
	}

	@Test
	void the_workspace_pages_load_the_app_so_a_pasted_link_opens_its_view() {
		for (var path : new String[] { "/", "/projects/" + UUID.randomUUID() + "?q=state%20%3D%20'FAILED'",
				"/runs/" + UUID.randomUUID() + "?tab=charts", "/admin", "/admin/audit-log?action=member.*",
				"/usage?period=2026-11&meter=DATA_POINTS", "/budgets", "/billing?line=1",
				"/billing/invoices/" + UUID.randomUUID(), "/organisations/new", "/welcome", "/join?org=acme",
				"/projects/" + UUID.randomUUID() + "/artifacts?type=model", "/artifacts/" + UUID.randomUUID() + "?v=2",
				"/models?q=resnet", "/models/resnet-classifier",
				"/reports?project=" + UUID.randomUUID() }) {
			var page = browser().get(path);

			assertThat(page.status()).as(path).isEqualTo(200);
			assertThat(page.body()).as(path).isEqualTo(INDEX);
			// index.html names the current bundle: always revalidated, so a new build shows on the next load.
			assertThat(page.header("Cache-Control")).as(path).contains("no-cache");
			assertThat(page.header("Content-Security-Policy")).as(path).contains("script-src 'self'");
		}
	}

	@Test
	void hashed_bundle_files_are_cached_for_a_year_and_a_missing_one_is_a_404() {
		var asset = new Http(port).get("/assets/app.js");

		assertThat(asset.status()).isEqualTo(200);
		assertThat(asset.header("Cache-Control")).contains("max-age=31536000", "public", "immutable");
		assertThat(new Http(port).get("/assets/gone-0123abcd.js").status()).isEqualTo(404);
	}

	@Test
	void api_routes_keep_their_own_answers_for_a_browser() {
		var anonymous = browser();

		var report = anonymous.get("/api/v1/reports/" + UUID.randomUUID());
		var shared = anonymous.get("/api/v1/shared/reports/rls_" + "A".repeat(32));

		assertThat(report.status()).isEqualTo(401);
		assertThat(shared.status()).isEqualTo(404);
		assertThat(shared.contentType()).doesNotStartWith("text/html");
		assertThat(anonymous.get("/actuator/health").body()).doesNotContain("Runledger test bundle");
	}

	@Test
	void only_html_page_loads_of_the_two_route_shapes_get_the_app() {
		var json = new Http(port).with("Accept", "application/json");

		assertThat(json.get("/shared/abc").status()).isEqualTo(404);
		assertThat(browser().get("/shared/abc/data").status()).isEqualTo(404);
		assertThat(browser().get("/reports/a/b").status()).isEqualTo(404);
		assertThat(browser().get("/projects/a/b/c").status()).isEqualTo(404);
		assertThat(json.get("/runs/abc").status()).isEqualTo(404);
		assertThat(browser().send("POST", "/shared/abc", "{}").status()).isNotEqualTo(200);
	}

	private Http browser() {
		return new Http(port).with("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
	}

	private static Path bundle() {
		try {
			var dist = Files.createTempDirectory("runledger-web-dist");
			Files.writeString(dist.resolve("index.html"), INDEX);
			Files.createDirectories(dist.resolve("assets"));
			Files.writeString(dist.resolve("assets/app.js"), "console.log('runledger')");
			dist.toFile().deleteOnExit();
			return dist;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
