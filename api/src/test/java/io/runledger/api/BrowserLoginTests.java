package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.UserId;

/**
 * A browser's login, done by an HTTP client that follows Keycloak's real authorization-code redirects and submits
 * its login form: the result is a server-side session (tokens never reach the client) that can call the API, with
 * CSRF protection on writes, and a logout that ends it.
 */
@IntegrationTest
class BrowserLoginTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Members members;

	@BeforeAll
	static void keycloakRuns() {
		RealServices.require("Keycloak", RealServices.port("RUNLEDGER_KC_PORT", 8180));
	}

	/**
	 * A minimal cookie jar per host and port. Java's CookieManager will not send Keycloak's {@code Secure} cookies over
	 * plain-HTTP loopback (where a real browser treats localhost as a secure context), so cookies are kept by hand.
	 */
	final class Browser {

		final java.util.Map<String, java.util.Map<String, String>> jar = new java.util.HashMap<>();

		final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		HttpResponse<String> send(HttpRequest.Builder request) {
			var built = request.build();
			var origin = built.uri().getHost() + ":" + built.uri().getPort();
			var cookies = jar.getOrDefault(origin, java.util.Map.of());
			var withCookies = HttpRequest.newBuilder(built, (name, value) -> true);
			if (!cookies.isEmpty()) {
				withCookies.header("Cookie", String.join("; ", cookies.entrySet().stream()
					.map(e -> e.getKey() + "=" + e.getValue()).toList()));
			}
			try {
				var response = client.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
				for (var header : response.headers().allValues("Set-Cookie")) {
					var pair = header.split(";", 2)[0];
					int eq = pair.indexOf('=');
					var name = pair.substring(0, eq).trim();
					var value = pair.substring(eq + 1).trim();
					var stored = jar.computeIfAbsent(origin, k -> new java.util.LinkedHashMap<>());
					if (value.isEmpty() || header.contains("Max-Age=0")) {
						stored.remove(name);
					}
					else {
						stored.put(name, value);
					}
				}
				return response;
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		/** Follows redirects by hand (so cookies of both hosts are kept) and returns the last answer. */
		HttpResponse<String> follow(HttpResponse<String> response) {
			for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
				var location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
				response = send(HttpRequest.newBuilder(location).GET());
			}
			return response;
		}

		/**
		 * Keycloak with organizations enabled logs in identity-first: a page asks for the username (to route people
		 * of a linked domain to their IdP), then another for the password. Each form gets both fields.
		 */
		void logIn(String username, String password) {
			var page = follow(send(HttpRequest.newBuilder(app("/oauth2/authorization/keycloak")).GET()));
			for (int step = 0; step < 3; step++) {
				assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
				var action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
				assertThat(action.find()).as("Keycloak's login form").isTrue();
				var form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
				var submitted = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
				if (submitted.statusCode() == 302) {
					follow(submitted);
					return;
				}
				page = submitted;
			}
			throw new AssertionError("Keycloak did not accept the login");
		}

		HttpRequest.Builder api(String path, String organisation) {
			return HttpRequest.newBuilder(app(path)).header("X-Runledger-Organization", organisation);
		}

		private java.util.Map<String, String> appCookies() {
			return jar.getOrDefault("127.0.0.1:" + port, java.util.Map.of());
		}

		String csrfToken() {
			return java.util.Objects.requireNonNull(appCookies().get("XSRF-TOKEN"), "no XSRF-TOKEN cookie");
		}

		boolean hasSession() {
			return appCookies().containsKey("JSESSIONID");
		}
	}

	URI app(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Test
	void a_browser_login_yields_a_session_that_calls_the_api_and_writes_with_a_csrf_token() {
		var org = tenants.create();
		members.add(org.orgId(), new NewMember(UserId.random(), "mia@acme.test", "Mia"), Role.MEMBER, Actor.system(),
				Role.OWNER);
		var browser = new Browser();

		browser.logIn("mia@acme.test", "mia-dev-password");
		var me = browser.send(browser.api("/api/v1/organisation", org.slug()).GET());
		browser.send(browser.api("/api/v1/projects", org.slug()).GET()); // sets the CSRF cookie
		var withoutToken = browser.send(browser.api("/api/v1/projects", org.slug())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"from-browser\"}")));
		var withToken = browser.send(browser.api("/api/v1/projects", org.slug())
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"from-browser\"}")));

		assertThat(browser.hasSession()).isTrue();
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains("\"role\":\"MEMBER\"").doesNotContain("access_token");
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(withoutToken.body()).contains("CSRF");
		assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
	}

	@Test
	void a_removed_members_session_stops_working_at_once() {
		var org = tenants.create();
		var mia = new NewMember(UserId.random(), "mia@acme.test", "Mia");
		members.add(org.orgId(), mia, Role.VIEWER, Actor.system(), Role.OWNER);
		var browser = new Browser();
		browser.logIn("mia@acme.test", "mia-dev-password");
		assertThat(browser.send(browser.api("/api/v1/projects", org.slug()).GET()).statusCode()).isEqualTo(200);

		members.remove(org.orgId(), mia.userId(), Actor.system(), Role.OWNER);

		assertThat(browser.send(browser.api("/api/v1/projects", org.slug()).GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void a_session_plus_an_api_key_is_two_credentials() {
		var org = tenants.create();
		members.add(org.orgId(), new NewMember(UserId.random(), "mia@acme.test", "Mia"), Role.MEMBER, Actor.system(),
				Role.OWNER);
		var browser = new Browser();
		browser.logIn("mia@acme.test", "mia-dev-password");

		var both = browser.send(browser.api("/api/v1/projects", org.slug())
			.header("Authorization", "Bearer " + org.key(Role.OWNER))
			.GET());

		assertThat(both.statusCode()).isEqualTo(400);
	}

	@Test
	void create_an_account_sends_the_browser_to_keycloaks_registration_form_and_sign_in_to_its_login_form() {
		var browser = new Browser();

		var signUp = browser.send(HttpRequest.newBuilder(app("/oauth2/authorization/keycloak?signup")).GET());
		var signIn = browser.send(HttpRequest.newBuilder(app("/oauth2/authorization/keycloak")).GET());

		var toKeycloak = signUp.headers().firstValue("Location").orElseThrow();
		assertThat(toKeycloak).contains("/protocol/openid-connect/auth?").contains("prompt=create")
			.contains("code_challenge=");
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("prompt=");
		// Keycloak answers prompt=create with its registration form (the realm allows self-registration).
		var form = browser.send(HttpRequest.newBuilder(java.net.URI.create(toKeycloak)).GET());
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("kc-register-form");
	}

	@Test
	void signing_in_changes_the_session_id_so_a_session_planted_before_the_login_is_worthless() {
		var browser = new Browser();
		browser.send(HttpRequest.newBuilder(app("/oauth2/authorization/keycloak")).GET());
		var beforeLogin = browser.appCookies().get("JSESSIONID");

		browser.logIn("mia@acme.test", "mia-dev-password");

		assertThat(beforeLogin).as("the authorization request is kept in a session").isNotNull();
		assertThat(browser.appCookies().get("JSESSIONID")).isNotNull().isNotEqualTo(beforeLogin);
	}

	@Test
	void logging_out_ends_the_session_and_sends_the_browser_to_keycloak_to_end_its_session_too() {
		var org = tenants.create();
		members.add(org.orgId(), new NewMember(UserId.random(), "mia@acme.test", "Mia"), Role.MEMBER, Actor.system(),
				Role.OWNER);
		var browser = new Browser();
		browser.logIn("mia@acme.test", "mia-dev-password");
		browser.send(browser.api("/api/v1/projects", org.slug()).GET());

		var logout = browser.send(HttpRequest.newBuilder(app("/logout"))
			.header("X-XSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.noBody()));
		var after = browser.send(browser.api("/api/v1/projects", org.slug()).GET());

		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location").orElseThrow())
			.contains("/realms/runledger/protocol/openid-connect/logout")
			.contains("id_token_hint=");
		assertThat(after.statusCode()).isEqualTo(401);
	}

	@Test
	void a_signed_in_browser_reads_a_share_link_by_its_token_alone_even_when_its_own_membership_is_gone() {
		var publisher = tenants.create();
		var member = new Http(port).bearer(publisher.key(Role.MEMBER));
		var report = member.post("/api/v1/projects/" + publisher.project().id() + "/reports",
				"{\"title\": \"Shared with the world\"}").json().get("id").asString();
		var token = member.post("/api/v1/reports/" + report + "/share-links", "{}").json().get("token").asString();
		var elsewhere = tenants.create();
		var mia = new NewMember(UserId.random(), "mia@acme.test", "Mia");
		members.add(elsewhere.orgId(), mia, Role.VIEWER, Actor.system(), Role.OWNER);
		var browser = new Browser();
		browser.logIn("mia@acme.test", "mia-dev-password");
		members.remove(elsewhere.orgId(), mia.userId(), Actor.system(), Role.OWNER);

		var shared = browser.send(HttpRequest.newBuilder(app("/api/v1/shared/reports/" + token)).GET());

		assertThat(browser.send(browser.api("/api/v1/projects", elsewhere.slug()).GET()).statusCode()).isEqualTo(401);
		assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
		assertThat(shared.body()).contains("Shared with the world");
	}
}
