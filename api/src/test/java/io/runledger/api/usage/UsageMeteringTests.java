package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/** Data points are counted exactly: once per stored point, never for a retry or a rejected batch. */
@IntegrationTest
class UsageMeteringTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	Http admin;

	String run;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		admin = new Http(port).bearer(acme.key(Role.ADMIN));
		run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
	}

	static String batch(String batchId, int firstStep, int points) {
		var steps = new StringBuilder();
		var values = new StringBuilder();
		for (int i = 0; i < points; i++) {
			steps.append(i == 0 ? "" : ",").append(firstStep + i);
			values.append(i == 0 ? "" : ",").append(i * 0.5);
		}
		return "{" + (batchId == null ? "" : "\"batchId\":\"" + batchId + "\",") + "\"series\":[{\"key\":\"loss\","
				+ "\"steps\":[" + steps + "],\"values\":[" + values + "]}]}";
	}

	long dataPoints() {
		var now = Instant.now();
		var response = admin.get("/api/v1/usage?meter=DATA_POINTS&granularity=HOUR&from="
				+ now.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "&to="
				+ now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("total").asLong();
	}

	@Test
	void stored_points_are_counted_and_a_retried_batch_only_once() {
		member.post("/api/v1/runs/" + run + "/metrics", batch("b-1", 0, 100));
		member.post("/api/v1/runs/" + run + "/metrics", batch("b-1", 0, 100));
		member.post("/api/v1/runs/" + run + "/metrics", batch(null, 100, 7));

		assertThat(dataPoints()).isEqualTo(107);
	}

	@Test
	void a_rejected_batch_counts_nothing() {
		member.post("/api/v1/runs/" + run + "/metrics", "{\"series\":[{\"key\":\"a\",\"steps\":[0,1],\"values\":[1]}]}");
		member.patch("/api/v1/runs/" + run, "{\"state\":\"FINISHED\"}");
		var refused = member.post("/api/v1/runs/" + run + "/metrics", batch(null, 0, 5));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(dataPoints()).isZero();
	}

	@Test
	void concurrent_batches_are_counted_exactly() throws Exception {
		var tasks = new ArrayList<Callable<Integer>>();
		for (int w = 0; w < 8; w++) {
			int writer = w;
			tasks.add(() -> {
				int ok = 0;
				for (int b = 0; b < 10; b++) {
					var body = batch("w" + writer + "-" + b, (writer * 10 + b) * 50, 50);
					ok += member.post("/api/v1/runs/" + run + "/metrics", body).status() == 200 ? 1 : 0;
					// every batch is also retried once, as a client that lost the answer would
					member.post("/api/v1/runs/" + run + "/metrics", body);
				}
				return ok;
			});
		}
		int acknowledged = 0;
		try (var pool = Executors.newFixedThreadPool(8)) {
			for (var f : pool.invokeAll(tasks)) {
				acknowledged += f.get();
			}
		}

		assertThat(acknowledged).isEqualTo(80);
		assertThat(dataPoints()).isEqualTo(80 * 50);
	}

	@Test
	void points_logged_through_mlflow_are_metered_like_native_ones() {
		var hex = run.replace("-", "");
		member.post("/api/2.0/mlflow/runs/log-batch", "{\"run_id\":\"" + hex + "\",\"metrics\":["
				+ "{\"key\":\"a\",\"value\":1,\"timestamp\":1,\"step\":0},{\"key\":\"a\",\"value\":2,\"timestamp\":2,\"step\":1}]}");

		assertThat(dataPoints()).isEqualTo(2);
	}

	@Test
	void usage_is_for_admins_and_bad_windows_are_named() {
		var viewer = new Http(port).bearer(acme.key(Role.VIEWER)).get("/api/v1/usage?meter=DATA_POINTS"
				+ "&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
		var backwards = admin.get("/api/v1/usage?meter=DATA_POINTS&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
		var unknown = admin.get("/api/v1/usage?meter=SEATS&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");

		assertThat(viewer.status()).isEqualTo(403);
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("detail").asString()).contains("meter must be one of");
	}
}
