package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
 * Keycloak stops answering (the shared Keycloak keeps running: this application reaches it through a loopback TCP
 * gate that the test closes and opens): API keys keep working, a Keycloak token gets a clear 503, the browser
 * sign-in start a page saying sign-in is unavailable; and all is well again once Keycloak answers.
 */
@IntegrationTest
class KeycloakOutageTests {

	static final Gate GATE = new Gate(8180);

	@DynamicPropertySource
	static void keycloakThroughTheGate(DynamicPropertyRegistry registry) {
		registry.add("runledger.sso.jwk-set-uri",
				() -> "http://127.0.0.1:" + GATE.port() + "/realms/runledger/protocol/openid-connect/certs");
	}

	@AfterAll
	static void closeTheGate() throws IOException {
		GATE.server.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Members members;

	@Test
	void while_keycloak_is_unreachable_api_keys_work_tokens_get_a_clear_503_and_sign_in_says_so_until_it_is_back() {
		var acme = tenants.create();
		members.add(acme.orgId(), new NewMember(UserId.random(), "adam@acme.test", "Adam"), Role.MEMBER,
				Actor.system(), Role.OWNER);
		var token = KeycloakTokens.accessToken("adam@acme.test", "adam-dev-password");
		var person = new Http(port).bearer(token).with("X-Runledger-Organization", acme.slug());
		GATE.cut();

		var withKey = new Http(port).bearer(acme.key(Role.VIEWER)).get("/api/v1/projects");
		var withToken = person.get("/api/v1/projects");
		var signIn = signInStart();

		assertThat(withKey.status()).isEqualTo(200);
		assertThat(withToken.status()).as(withToken.toString()).isEqualTo(503);
		assertThat(withToken.contentType()).startsWith("application/problem+json");
		assertThat(withToken.json().get("detail").asString()).contains("identity provider");
		assertThat(withToken.header("Retry-After")).isNotNull();
		assertThat(signIn.statusCode()).isEqualTo(503);
		assertThat(signIn.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(signIn.body()).contains("Sign-in is unavailable").contains("try again")
			.doesNotContain("Whitelabel")
			.doesNotContain("Exception");

		GATE.open();

		var tokenAgain = person.get("/api/v1/projects");
		var signInAgain = signInStart();
		assertThat(tokenAgain.status()).as(tokenAgain.toString()).isEqualTo(200);
		assertThat(signInAgain.statusCode()).isEqualTo(302);
		assertThat(signInAgain.headers().firstValue("Location").orElseThrow())
			.contains("/realms/runledger/protocol/openid-connect/auth");
	}

	private HttpResponse<String> signInStart() {
		return Exchanges.send(HttpClient.newHttpClient(),
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/authorization/keycloak"))
					.header("Accept", "text/html")
					.build());
	}

	/** A loopback TCP forwarder to Keycloak that refuses (and drops) every connection while cut. */
	static final class Gate {

		final ServerSocket server;

		final int target;

		final Set<Socket> open = ConcurrentHashMap.newKeySet();

		volatile boolean cut;

		Gate(int target) {
			this.target = target;
			try {
				server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			Thread.ofVirtual().start(this::accept);
		}

		int port() {
			return server.getLocalPort();
		}

		void cut() {
			cut = true;
			open.forEach(Gate::closeQuietly);
			open.clear();
		}

		void open() {
			cut = false;
		}

		private void accept() {
			while (!server.isClosed()) {
				try {
					var client = server.accept();
					if (cut) {
						client.close();
						continue;
					}
					var upstream = new Socket(InetAddress.getLoopbackAddress(), target);
					open.add(client);
					open.add(upstream);
					Thread.ofVirtual().start(() -> pipe(client, upstream));
					Thread.ofVirtual().start(() -> pipe(upstream, client));
				}
				catch (IOException e) {
					// the gate is closed at the end, or one connection failed: carry on with the next
				}
			}
		}

		private static void pipe(Socket from, Socket to) {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException e) {
				// either side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException e) {
				// already closed
			}
		}
	}
}
