package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

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
 * A credential sent in a header authenticates one request and leaves nothing behind: no HTTP session, no cookie.
 * Ingesting clients send thousands of requests a minute, and a session each would pile up in memory until they
 * expired. Only the browser login creates a session ({@code BrowserLoginTests}).
 */
@IntegrationTest
class HeaderCredentialSessionTests {

	static final int REQUESTS_PER_CREDENTIAL = 500;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Members members;

	@Autowired
	WebServerApplicationContext server;

	@Test
	void thousands_of_requests_with_header_credentials_create_no_session() {
		var acme = tenants.create();
		members.add(acme.orgId(), new NewMember(UserId.random(), "alice@acme.test", "Alice"), Role.MEMBER,
				Actor.system(), Role.OWNER);
		var key = acme.key(Role.MEMBER);
		var basic = Base64.getEncoder().encodeToString(("mlflow:" + key).getBytes(StandardCharsets.UTF_8));
		var token = KeycloakTokens.accessToken("alice@acme.test", "alice-dev-password");
		var credentials = Map.of(
				"API key as Bearer", new Http(port).bearer(key),
				"API key as Basic password", new Http(port).with("Authorization", "Basic " + basic),
				"API key as X-Api-Key", new Http(port).with("X-Api-Key", key),
				"Keycloak access token", new Http(port).bearer(token).with("X-Runledger-Organization", acme.slug()));
		int sessionsBefore = activeSessions();

		credentials.forEach((kind, client) -> {
			for (int i = 0; i < REQUESTS_PER_CREDENTIAL; i++) {
				var response = i % 2 == 0 ? client.get("/api/v1/projects")
						: client.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}");
				assertThat(response.status()).as(kind + ": " + response).isIn(200, 201);
				assertThat(response.raw().headers().allValues("Set-Cookie")).as(kind)
					.noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
			}
		});

		assertThat(activeSessions()).isEqualTo(sessionsBefore);
	}

	private int activeSessions() {
		var tomcat = ((TomcatWebServer) server.getWebServer()).getTomcat();
		return ((Context) tomcat.getHost().findChildren()[0]).getManager().getActiveSessions();
	}
}
