package io.runledger.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real tokens from the Keycloak the repository's scripts start (dev realm users, password grant). */
public final class KeycloakTokens {

	static final String TOKEN_URL = "http://127.0.0.1:" + RealServices.port("RUNLEDGER_KC_PORT", 8180)
			+ "/realms/runledger/protocol/openid-connect/token";

	private KeycloakTokens() {
	}

	public static JsonNode passwordGrant(String client, String username, String password) {
		return passwordGrant(client, username, password, "openid");
	}

	public static JsonNode passwordGrant(String client, String username, String password, String scope) {
		var form = "grant_type=password&scope=" + enc(scope) + "&client_id=" + enc(client) + "&username=" + enc(username)
				+ "&password=" + enc(password);
		try {
			var response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Keycloak refused the password grant: " + response.body());
			}
			return JsonMapper.builder().build().readTree(response.body());
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException("Keycloak is not reachable at " + TOKEN_URL
					+ "; start it with infra/local/services.sh up", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public static String accessToken(String username, String password) {
		return passwordGrant("runledger-cli", username, password).get("access_token").asString();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
