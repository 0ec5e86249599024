package io.runledger.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: real requests over loopback, like any client of ours. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final List<String> headers = new ArrayList<>();

	public Http(int port) {
		this("http://127.0.0.1:" + port);
	}

	private Http(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A copy that sends this header on every request. */
	public Http with(String name, String value) {
		var copy = new Http(baseUrl);
		copy.headers.addAll(headers);
		copy.headers.add(name);
		copy.headers.add(value);
		return copy;
	}

	public Http bearer(String key) {
		return with("Authorization", "Bearer " + key);
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, String json) {
		return send("POST", path, json);
	}

	public Response patch(String path, String json) {
		return send("PATCH", path, json);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response send(String method, String path, String json) {
		var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.size(); i += 2) {
			builder.header(headers.get(i), headers.get(i + 1));
		}
		try {
			return new Response(CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return raw.statusCode();
		}

		public String body() {
			return raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(raw.body());
		}

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		@Override
		public String toString() {
			return raw.statusCode() + " " + raw.body();
		}
	}
}
