package io.runledger.api.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.runledger.api.Http;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Clients that keep sending metric batches, each to a run of its own, through the native API (with a batch id) or
 * MLflow's {@code log-batch} (whose adapter derives the batch id from the content). A failed batch is sent again,
 * unchanged, until it is acknowledged, as a well-behaved client does; every answer that was not a 200 is kept, so a
 * test can say which errors clients saw while a dependency was down, and every acknowledged point is counted, so it
 * can compare the ground truth with what the platform stored and metered.
 */
final class Writers implements AutoCloseable {

	enum Api {
		NATIVE, MLFLOW
	}

	/** One run written by one client. */
	record Writer(Api api, String runId) {
	}

	/** An answer other than 200 (status -1: no answer at all; body then names the exception). */
	record Failure(Api api, int status, long millis, String retryAfter, String contentType, String body) {

		@Override
		public String toString() {
			return api + " " + status + " after " + millis + " ms, Retry-After " + retryAfter + ", " + contentType
					+ ": " + body;
		}
	}

	static final int POINTS_PER_BATCH = 200;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	/** Long enough for any outage of these tests; a batch still unacknowledged after it fails the test. */
	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(90);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String key;

	private final List<Writer> writers;

	private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();

	private final AtomicLong acknowledgedBatches = new AtomicLong();

	private final List<Failure> failures = new CopyOnWriteArrayList<>();

	private final List<String> unacknowledged = new CopyOnWriteArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopping;

	Writers(int port, String key, List<Writer> writers) {
		this.port = port;
		this.key = key;
		this.writers = writers;
		writers.forEach(w -> acknowledged.put(w.runId(), new AtomicLong()));
	}

	/** One writer per entry of {@code apis}, each with a new run in the tenant's project, writing as a MEMBER. */
	static Writers of(int port, TestTenants.Tenant tenant, Api... apis) {
		var member = new Http(port).bearer(tenant.key(Role.MEMBER));
		var writers = new ArrayList<Writer>();
		for (var api : apis) {
			var created = member.post("/api/v1/projects/" + tenant.project().id() + "/runs", "{}");
			if (created.status() != 201) {
				throw new AssertionError("creating a run: " + created);
			}
			writers.add(new Writer(api, created.json().get("id").asString()));
		}
		return new Writers(port, tenant.key(Role.MEMBER), writers);
	}

	Writers start() {
		for (var writer : writers) {
			threads.add(Thread.ofPlatform().name("writer-" + writer.runId()).start(() -> write(writer)));
		}
		return this;
	}

	private void write(Writer writer) {
		for (int batch = 0; !stopping; batch++) {
			var body = writer.api() == Api.NATIVE ? nativeBatch(batch) : mlflowBatch(writer.runId(), batch);
			var path = writer.api() == Api.NATIVE ? "/api/v1/runs/" + writer.runId() + "/metrics"
					: "/api/2.0/mlflow/runs/log-batch";
			long giveUp = System.nanoTime() + GIVE_UP_NANOS;
			while (!send(writer.api(), path, body)) {
				if (System.nanoTime() > giveUp) {
					unacknowledged.add(writer.runId() + " batch " + batch);
					return;
				}
				pause(100);
			}
			acknowledged.get(writer.runId()).addAndGet(POINTS_PER_BATCH);
			acknowledgedBatches.incrementAndGet();
		}
	}

	private boolean send(Api api, String path, String body) {
		long start = System.nanoTime();
		try {
			var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.timeout(REQUEST_TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				return true;
			}
			failures.add(new Failure(api, response.statusCode(), millisSince(start),
					response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("Content-Type").orElse(null), response.body()));
		}
		catch (IOException e) {
			failures.add(new Failure(api, -1, millisSince(start), null, null, e.toString()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		return false;
	}

	static String nativeBatch(int batch) {
		var steps = new StringBuilder();
		var values = new StringBuilder();
		for (int i = 0; i < POINTS_PER_BATCH; i++) {
			steps.append(i == 0 ? "" : ",").append(batch * POINTS_PER_BATCH + i);
			values.append(i == 0 ? "" : ",").append(i * 0.25);
		}
		return "{\"batchId\":\"b-" + batch + "\",\"series\":[{\"key\":\"loss\",\"steps\":[" + steps + "],\"values\":["
				+ values + "]}]}";
	}

	static String mlflowBatch(String runId, int batch) {
		var metrics = new StringBuilder();
		for (int i = 0; i < POINTS_PER_BATCH; i++) {
			long step = (long) batch * POINTS_PER_BATCH + i;
			metrics.append(i == 0 ? "" : ",")
				.append("{\"key\":\"acc\",\"value\":")
				.append(i * 0.5)
				.append(",\"timestamp\":")
				.append(1_700_000_000_000L + step)
				.append(",\"step\":")
				.append(step)
				.append('}');
		}
		return "{\"run_id\":\"" + runId.replace("-", "") + "\",\"metrics\":[" + metrics + "]}";
	}

	/** Waits until at least {@code more} further batches have been acknowledged (by all writers together). */
	Writers awaitProgress(int more, Duration timeout) {
		long target = acknowledgedBatches.get() + more;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (acknowledgedBatches.get() < target) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("writers acknowledged " + acknowledgedBatches.get() + " batches, not " + target
						+ ", within " + timeout + "; last failures: " + lastFailures());
			}
			pause(20);
		}
		return this;
	}

	/** Waits until the writers together have seen at least {@code count} answers other than 200. */
	Writers awaitFailures(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (failures.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("writers saw " + failures.size() + " failed answers, not " + count
						+ ", within " + timeout);
			}
			pause(20);
		}
		return this;
	}

	/** Lets every writer finish (and, if need be, retry) its current batch, then stop. */
	void stop() {
		stopping = true;
		for (var thread : threads) {
			try {
				thread.join(TimeUnit.NANOSECONDS.toMillis(GIVE_UP_NANOS) + 30_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	long acknowledgedPoints(String runId) {
		return acknowledged.get(runId).get();
	}

	long acknowledgedPoints() {
		return acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
	}

	long acknowledgedBatches() {
		return acknowledgedBatches.get();
	}

	List<Writer> writers() {
		return writers;
	}

	/** Every answer that was not a 200, in arrival order. */
	List<Failure> failures() {
		return List.copyOf(failures);
	}

	/** Batches still unacknowledged when their writer gave up (empty when the platform recovered). */
	List<String> unacknowledged() {
		return List.copyOf(unacknowledged);
	}

	private List<Failure> lastFailures() {
		var all = failures();
		return all.subList(Math.max(0, all.size() - 3), all.size());
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
