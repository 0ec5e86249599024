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
		return send(streamed(URI.create(baseUrl + path), body, length), null);
	}

	/**
	 * PUT of a streamed body to an absolute (presigned) URL with this client but without our credentials; the status.
	 */
	int putStreamTo(URI url, java.util.function.Supplier<java.io.InputStream> body, long length) {
		return exchange(streamed(url, body, length).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static HttpRequest.Builder streamed(URI url, java.util.function.Supplier<java.io.InputStream> body,
			long length) {
		return HttpRequest.newBuilder(url).header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length));
	}

	/** GET whose body is counted and dropped as it arrives; answers the bytes read (throws on an error status). */
	long drain(String path) {
		return drain(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + key));
	}

	/** The same for an absolute (presigned) URL, without our credentials. */
	long drainFrom(URI url) {
		return drain(HttpRequest.newBuilder(url));
	}

	private long drain(HttpRequest.Builder builder) {
		var request = builder.timeout(timeout).GET().build();
		var counted = new AtomicLong();
		var response = exchange(request, HttpResponse.BodyHandlers.fromSubscriber(new java.util.concurrent.Flow.Subscriber<
				java.util.List<java.nio.ByteBuffer>>() {

			@Override
			public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
				buffers.forEach(b -> counted.addAndGet(b.remaining()));
			}

			@Override
			public void onError(Throwable throwable) {
			}

			@Override
			public void onComplete() {
			}
		}));
		if (response.statusCode() != 200) {
			throw new BenchException("GET " + request.uri().getPath() + " answered HTTP " + response.statusCode());
		}
		return counted.get();
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
