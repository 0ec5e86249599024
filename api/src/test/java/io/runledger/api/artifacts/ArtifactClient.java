package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.runledger.api.Http;
import tools.jackson.databind.JsonNode;

/** Test helper speaking the artifact API over HTTP, with raw byte bodies where the JSON helper cannot. */
record ArtifactClient(int port, String key) {

	static final HttpClient CLIENT = HttpClient.newHttpClient();

	Http http() {
		return new Http(port).bearer(key);
	}

	/** Starts a draft and answers its JSON (artifactId, version, ...). */
	JsonNode draft(String projectId, String body) {
		var response = http().post("/api/v1/projects/" + projectId + "/artifacts", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json();
	}

	HttpResponse<String> upload(String artifactId, int version, String path, byte[] bytes, String sha256) {
		var builder = request("/api/v1/artifacts/" + artifactId + "/versions/" + version + "/file?path=" + encode(path))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Content-Type", "application/octet-stream");
		if (sha256 != null) {
			builder.header("X-Content-SHA256", sha256);
		}
		return send(builder, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> uploadRaw(String rawPathAndQuery, byte[] bytes) {
		return send(request(rawPathAndQuery).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
				HttpResponse.BodyHandlers.ofString());
	}

	JsonNode commit(String artifactId, int version, String body) {
		var response = http().post("/api/v1/artifacts/" + artifactId + "/versions/" + version + "/commit", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	/** Drafts, uploads one file and commits: the version's JSON. */
	JsonNode publish(String projectId, String name, String path, byte[] bytes, String extra) {
		var draft = draft(projectId, "{\"name\": \"" + name + "\"" + (extra == null ? "" : ", " + extra) + "}");
		var id = draft.get("artifactId").asString();
		int version = draft.get("version").asInt();
		var uploaded = upload(id, version, path, bytes, null);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		return commit(id, version, "{}");
	}

	HttpResponse<byte[]> download(String artifactId, String version, String path) {
		return send(request("/api/v1/artifacts/" + artifactId + "/versions/" + version + "/file?path=" + encode(path))
			.GET(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Streamed through the application whatever the file's size (proxy=true), never redirected to the store. */
	HttpResponse<InputStream> downloadStream(String artifactId, String version, String path) {
		return send(request("/api/v1/artifacts/" + artifactId + "/versions/" + version + "/file?path=" + encode(path)
				+ "&proxy=true").GET(), HttpResponse.BodyHandlers.ofInputStream());
	}

	HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.header("Authorization", "Bearer " + key);
	}

	static <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler) {
		try {
			return CLIENT.send(builder.build(), handler);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
