package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.RunledgerApplication;
import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * kill -9 in the middle of ingestion: a second application process (the same code, the same database) is killed
 * while four writers send batches; the client then retries every batch, acknowledged or not, against an instance
 * that is up. Stored points and metered points both equal the ground truth exactly: nothing acknowledged was lost,
 * nothing retried was stored or counted twice.
 */
@IntegrationTest
class MeteringCrashTests {

	static final int BATCHES = 120;

	static final int POINTS = 1000;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void after_a_kill_9_mid_ingest_and_a_full_retry_stored_and_metered_points_equal_the_ground_truth()
			throws Exception {
		var acme = tenants.create();
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();

		int childPort;
		try (var socket = new ServerSocket(0)) {
			childPort = socket.getLocalPort();
		}
		var child = startApplication(childPort);
		var acknowledged = ConcurrentHashMap.<Integer>newKeySet();
		try {
			awaitReady(childPort, child);
			var http = HttpClient.newHttpClient();
			var writers = Executors.newFixedThreadPool(4);
			for (int w = 0; w < 4; w++) {
				int writer = w;
				writers.submit(() -> {
					for (int b = writer; b < BATCHES; b += 4) {
						try {
							var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + childPort
									+ "/api/v1/runs/" + run + "/metrics"))
								.header("Authorization", "Bearer " + acme.key(Role.MEMBER))
								.header("Content-Type", "application/json")
								.timeout(Duration.ofSeconds(10))
								.POST(HttpRequest.BodyPublishers.ofString(UsageMeteringTests.batch("b" + b, b * POINTS,
										POINTS)))
								.build(), HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() == 200) {
								acknowledged.add(b);
							}
						}
						catch (Exception e) {
							return; // the process is gone
						}
					}
				});
			}
			var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (acknowledged.size() < BATCHES / 4 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			child.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful drain
			child.waitFor(30, TimeUnit.SECONDS);
			writers.shutdown();
			writers.awaitTermination(60, TimeUnit.SECONDS);
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(acknowledged).as("batches acknowledged before the kill").hasSizeGreaterThanOrEqualTo(BATCHES / 4)
			.hasSizeLessThan(BATCHES);

		for (int b = 0; b < BATCHES; b++) {
			var retried = member.post("/api/v1/runs/" + run + "/metrics",
					UsageMeteringTests.batch("b" + b, b * POINTS, POINTS));
			assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
			if (acknowledged.contains(b)) {
				assertThat(retried.json().get("duplicate").asBoolean()).as("batch %d was acknowledged", b).isTrue();
			}
		}

		var metrics = member.get("/api/v1/runs/" + run).json().get("metrics");
		assertThat(metrics.get(0).get("count").asLong()).isEqualTo((long) BATCHES * POINTS);
		var now = Instant.now();
		var usage = admin.get("/api/v1/usage?meter=DATA_POINTS&granularity=DAY&from="
				+ now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(1, ChronoUnit.DAYS)).json();
		assertThat(usage.get("total").decimalValue()).isEqualByComparingTo(Long.toString((long) BATCHES * POINTS));
	}

	/** The same application in a process of its own, on the test database, with only the main classpath. */
	private static Process startApplication(int port) throws Exception {
		var classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = new ArrayList<String>(java.lang.management.ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("--enable-native-access"))
			.toList());
		command.addFirst(javaBin);
		command.addAll(java.util.List.of("-Xmx512m", "-cp", classpath, RunledgerApplication.class.getName(),
				"--server.port=" + port, "--spring.datasource.hikari.maximum-pool-size=4",
				"--runledger.rate-limits.enabled=false", "--runledger.demo.enabled=false",
				"--logging.level.root=WARN"));
		var builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment()
			.put("RUNLEDGER_DB", System.getenv().getOrDefault("RUNLEDGER_TEST_DB", "runledger_test"));
		return builder.start();
	}

	private static void awaitReady(int port, Process process) throws Exception {
		var http = HttpClient.newHttpClient();
		var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("the second application process exited while starting").isTrue();
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
						+ "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException e) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the second application process did not become ready within 120 s");
	}
}
