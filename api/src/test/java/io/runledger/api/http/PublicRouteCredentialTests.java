package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.KeycloakTokens;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.UserId;

/**
 * Every public route against every kind of credential a client may present alongside: none, a valid API key of
 * another organisation or of the link's own, an unknown key, a key as Basic password, a Keycloak access token. Public
 * routes answer as they answer anonymous callers or refuse the credential with a 4xx; never a 500. A share link is
 * judged by its token alone.
 */
@IntegrationTest
class PublicRouteCredentialTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Members members;

	TestTenants.Tenant publisher;

	TestTenants.Tenant elsewhere;

	String token;

	@BeforeEach
	void setUp() {
		publisher = tenants.create();
		elsewhere = tenants.create();
		var member = new Http(port).bearer(publisher.key(Role.MEMBER));
		var report = member.post("/api/v1/projects/" + publisher.project().id() + "/reports",
				"{\"title\": \"Public results\"}").json().get("id").asString();
		var link = member.post("/api/v1/reports/" + report + "/share-links", "{}");
		assertThat(link.status()).as(link.toString()).isEqualTo(201);
		token = link.json().get("token").asString();
	}

	Map<String, Http> credentials() {
		members.add(elsewhere.orgId(), new NewMember(UserId.random(), "victor@acme.test", "Victor"), Role.MEMBER,
				Actor.system(), Role.OWNER);
		var keycloak = KeycloakTokens.accessToken("victor@acme.test", "victor-dev-password");
		var otherKey = elsewhere.key(Role.OWNER);
		var all = new LinkedHashMap<String, Http>();
		all.put("no credential", new Http(port));
		all.put("API key of another organisation", new Http(port).bearer(otherKey));
		all.put("API key of the link's organisation", new Http(port).bearer(publisher.key(Role.VIEWER)));
		all.put("unknown API key", new Http(port).bearer("rl_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
		all.put("API key of another organisation as Basic password", new Http(port).with("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(("x:" + otherKey).getBytes(StandardCharsets.UTF_8))));
		all.put("Keycloak token of another organisation's member", new Http(port).bearer(keycloak));
		return all;
	}

	@Test
	void a_share_link_answers_by_its_token_alone_whatever_else_is_presented() {
		var failures = new ArrayList<String>();
		credentials().forEach((kind, client) -> {
			var report = client.get("/api/v1/shared/reports/" + token);
			var data = client.get("/api/v1/shared/reports/" + token + "/data");
			var missingFile = client.get("/api/v1/shared/reports/" + token + "/artifacts/" + UUID.randomUUID()
					+ "/file?path=a.txt");
			if (report.status() != 200 || !report.body().contains("Public results")) {
				failures.add(kind + ": report " + report);
			}
			if (data.status() != 200) {
				failures.add(kind + ": data " + data);
			}
			if (missingFile.status() != 404) {
				failures.add(kind + ": artifact file of an unknown block " + missingFile);
			}
		});

		assertThat(failures).isEmpty();
	}

	@Test
	void no_public_route_answers_500_whatever_credential_comes_with_it() {
		var html = "text/html,application/xhtml+xml";
		var routes = List.of(new Route("GET", "/actuator/health", null),
				new Route("GET", "/actuator/health/readiness", null), new Route("GET", "/actuator/health/liveness", null), new Route("GET", "/v3/api-docs", null),
				new Route("GET", "/", html), new Route("GET", "/reports/" + UUID.randomUUID(), html),
				new Route("GET", "/shared/" + token, html), new Route("GET", "/assets/app.js", null),
				new Route("GET", "/favicon.ico", null), new Route("GET", "/oauth2/authorization/keycloak", html),
				new Route("GET", "/login/oauth2/code/keycloak?code=x&state=y", html),
				new Route("POST", "/api/v1/billing/stripe/webhook", null),
				new Route("GET", "/api/v1/shared/reports/rls_" + "A".repeat(32), null));
		var failures = new ArrayList<String>();
		credentials().forEach((kind, client) -> routes.forEach(route -> {
			var request = route.accept() == null ? client : client.with("Accept", route.accept());
			var response = request.send(route.method(), route.path(), route.method().equals("POST") ? "{}" : null);
			// 503 is how health reports a service that is down (Redis misses its 250 ms on a loaded machine).
			boolean healthDown = response.status() == 503 && route.path().startsWith("/actuator/health");
			if (response.status() >= 500 && !healthDown) {
				failures.add(kind + " " + route.method() + " " + route.path() + ": " + response);
			}
		}));

		assertThat(failures).isEmpty();
	}

	record Route(String method, String path, String accept) {
	}
}
