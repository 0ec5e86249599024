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

	/*
	 * Large transfers (the artifact workloads) go over a plain connection that moves 256 KiB per read and write, as
	 * curl does. java.net.http hands bodies over in 16 KiB buffers through its selector thread; on this two-core box
	 * that client alone cost more CPU per byte than the object store, and it competes with the app for the cores.
	 */
	private static final int TRANSFER_BUFFER = 256 * 1024;

	/** PUT of a streamed body of known length (never held in memory); the answer as usual. */
	Answer putStream(String path, java.util.function.Supplier<java.io.InputStream> body, long length) {
		return transfer(URI.create(baseUrl + path), "PUT", true, body, length);
	}

	/**
	 * PUT of a streamed body to an absolute (presigned) URL with this client but without our credentials; the status.
	 */
	int putStreamTo(URI url, java.util.function.Supplier<java.io.InputStream> body, long length) {
		return transfer(url, "PUT", false, body, length).status();
	}

	/** GET whose body is counted and dropped as it arrives; answers the bytes read (throws on an error status). */
	long drain(String path) {
		return drained(transfer(URI.create(baseUrl + path), "GET", true, null, 0), path);
	}

	/**
	 * GET as a default client makes it: a redirect (the app answers 307 to a presigned URL for large files) is
	 * followed to its Location without our credentials, as python requests, curl and the JDK's clients do when a
	 * redirect leaves the origin; answers the bytes read.
	 */
	long drainFollowing(String path) {
		var answer = transfer(URI.create(baseUrl + path), "GET", true, null, 0);
		if (answer.status() >= 300 && answer.status() < 400) {
			return drainFrom(URI.create(new String(answer.body(), StandardCharsets.UTF_8)));
		}
		return drained(answer, path);
	}

	/** The same for an absolute (presigned) URL, without our credentials. */
	long drainFrom(URI url) {
		return drained(transfer(url, "GET", false, null, 0), url.getPath());
	}

	private static long drained(Answer answer, String path) {
		if (answer.status() != 200) {
			throw new BenchException("GET " + path + " answered HTTP " + answer.status() + ": " + answer.text());
		}
		return Long.parseLong(answer.text());
	}

	/**
	 * One request over a plain connection. A PUT streams {@code body}; a GET's 200 body is counted and dropped, and
	 * the answer's body is then that count in decimal. A redirect is not followed: its answer's body is its Location.
	 * Error bodies are kept as they are.
	 */
	private Answer transfer(URI url, String method, boolean credentials,
			java.util.function.Supplier<java.io.InputStream> body, long length) {
		long start = System.nanoTime();
		java.net.HttpURLConnection connection = null;
		try {
			connection = (java.net.HttpURLConnection) url.toURL().openConnection(java.net.Proxy.NO_PROXY);
			connection.setRequestMethod(method);
			connection.setInstanceFollowRedirects(false);
			connection.setConnectTimeout(10_000);
			connection.setReadTimeout((int) timeout.toMillis());
			if (credentials) {
				connection.setRequestProperty("Authorization", "Bearer " + key);
			}
			var buffer = new byte[TRANSFER_BUFFER];
			if (body != null) {
				connection.setDoOutput(true);
				connection.setFixedLengthStreamingMode(length);
				connection.setRequestProperty("Content-Type", "application/octet-stream");
				try (var in = body.get(); var out = connection.getOutputStream()) {
					int n;
					while ((n = in.read(buffer)) >= 0) {
						out.write(buffer, 0, n);
					}
				}
			}
			int status = connection.getResponseCode();
			byte[] answer;
			if (status >= 400) {
				var error = connection.getErrorStream();
				answer = error == null ? new byte[0] : error.readAllBytes();
			}
			else if (status >= 300 && status < 400) {
				var location = connection.getHeaderField("Location");
				answer = (location == null ? "" : location).getBytes(StandardCharsets.UTF_8);
				connection.getInputStream().close();
			}
			else if (body == null && status == 200) {
				long count = 0;
				try (var in = connection.getInputStream()) {
					int n;
					while ((n = in.read(buffer)) >= 0) {
						count += n;
					}
				}
				answer = Long.toString(count).getBytes(StandardCharsets.US_ASCII);
			}
			else {
				try (var in = connection.getInputStream()) {
					answer = in.readAllBytes();
				}
			}
			return new Answer(status, answer, System.nanoTime() - start, Double.NaN);
		}
		catch (IOException e) {
			if (connection != null) {
				connection.disconnect();
			}
			throw new BenchException(method + " " + url.getPath() + " failed: " + e);
		}
	}

	private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return client.send(request, handler);
		}
		catch (IOException e) {
			throw new BenchException(request.method() + " " + request.uri().getPath() + " failed: " + e);
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
