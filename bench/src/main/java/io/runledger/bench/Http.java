package io.runledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP/1.1 against the app, like a real client: JSON bodies built before the clock starts, one request per
 * call, client-side latency from just before sending to the last byte of the answer, and the server's own time from
 * its {@code Server-Timing: app;dur=<ms>} header. Only loopback base URLs are accepted.
 */
final class Http {

	static final ObjectMapper JSON = new ObjectMapper();

	/** One answer: status, body, client latency (ns) and server time (ms, NaN when the header is missing). */
	record Answer(int status, byte[] body, long clientNanos, double serverMillis) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new BenchException("answer is not JSON (HTTP " + status + "): " + text());
			}
		}

		String text() {
			var s = new String(body, StandardCharsets.UTF_8);
			return s.length() > 500 ? s.substring(0, 500) + "..." : s;
		}
	}

	private final HttpClient client;

	private final String baseUrl;

	private final String key;

	private final Duration timeout;

	/** Requests that the app answered with 429 and that were retried after Retry-After. */
	final AtomicLong throttled = new AtomicLong();

	/** Whether any answer carried RateLimit-* headers, i.e. the app enforces rate limits. */
	volatile boolean rateLimited;

	Http(String baseUrl, String key, Duration timeout) {
		var uri = URI.create(baseUrl);
		var host = uri.getHost();
		if (!("127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host))) {
			throw new BenchException("refusing to load " + baseUrl + ": benchmarks only run against loopback");
		}
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.key = key;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), null);
	}

	Answer delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), null);
	}

	Answer post(String path, byte[] json) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json)), json);
	}

	Answer post(String path, String json) {
		return post(path, json.getBytes(StandardCharsets.UTF_8));
	}

	/** PUT of a streamed body of known length (never held in memory); the answer as usual. */
	Answer putStream(String path, java.util.function.Supplier<java.io.InputStream> body, long length) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length)), null);
	}

	/** GET whose body is read and thrown away as it arrives; answers the bytes read (or throws on an error status). */
	long drain(String path) {
		var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + key)
			.timeout(timeout).GET().build();
		try {
			var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (var in = response.body()) {
				if (response.statusCode() != 200) {
					throw new BenchException("GET " + path + " answered HTTP " + response.statusCode() + ": "
							+ new String(in.readNBytes(500), StandardCharsets.UTF_8));
				}
				return in.transferTo(java.io.OutputStream.nullOutputStream());
			}
		}
		catch (IOException e) {
			throw new BenchException("GET " + path + " failed: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	/** POST that must succeed; returns the parsed JSON answer. */
	JsonNode postOk(String path, String json) {
		var a = post(path, json);
		if (!a.ok()) {
			throw new BenchException("POST " + path + " answered HTTP " + a.status() + ": " + a.text());
		}
		return a.json();
	}

	JsonNode getOk(String path) {
		var a = get(path);
		if (!a.ok()) {
			throw new BenchException("GET " + path + " answered HTTP " + a.status() + ": " + a.text());
		}
		return a.json();
	}

	private Answer send(HttpRequest.Builder builder, byte[] body) {
		var request = builder.header("Authorization", "Bearer " + key).header("Accept", "application/json")
			.timeout(timeout).build();
		for (int attempt = 0;; attempt++) {
			long start = System.nanoTime();
			HttpResponse<byte[]> response;
			try {
				response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException e) {
				throw new BenchException(request.method() + " " + request.uri().getPath() + " failed: " + e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new BenchException("interrupted");
			}
			long nanos = System.nanoTime() - start;
			if (response.headers().firstValue("RateLimit-Limit").isPresent()) {
				rateLimited = true;
			}
			if (response.statusCode() == 429 && attempt < 20) {
				throttled.incrementAndGet();
				long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
				sleep(Math.min(5, Math.max(1, seconds)) * 1000L);
				continue;
			}
			return new Answer(response.statusCode(), response.body(), nanos,
					serverMillis(response.headers().firstValue("Server-Timing").orElse(null)));
		}
	}

	static double serverMillis(String header) {
		if (header == null) {
			return Double.NaN;
		}
		for (var metric : header.split(",")) {
			var parts = metric.trim().split(";");
			if (parts[0].trim().equals("app")) {
				for (int i = 1; i < parts.length; i++) {
					var p = parts[i].trim();
					if (p.startsWith("dur=")) {
						try {
							return Double.parseDouble(p.substring(4));
						}
						catch (NumberFormatException e) {
							return Double.NaN;
						}
					}
				}
			}
		}
		return Double.NaN;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	static String quote(String s) {
		try {
			return JSON.writeValueAsString(s);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
