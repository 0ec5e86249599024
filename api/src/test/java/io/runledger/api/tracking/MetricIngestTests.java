package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

@IntegrationTest
class MetricIngestTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	TrackingClient member;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new TrackingClient(new Http(port).bearer(acme.key(Role.MEMBER)));
	}

	@Test
	void points_round_trip_exactly_including_nan_infinities_and_out_of_order_steps() {
		var run = member.startRun(acme.project().id().toString());
		long[] steps = { 5, 1, 3, 2, 4, 0, 3 };
		long[] ts = { 1_700_000_000_500L, 1_700_000_000_100L, 1_700_000_000_300L, 1_700_000_000_200L,
				1_700_000_000_400L, 1_700_000_000_000L, 1_700_000_000_301L };
		double[] values = { 0.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.NEGATIVE_INFINITY, 1e-300, 42 };

		var response = member.log(run, TrackingClient.batch(null, TrackingClient.series("loss", steps, ts, values)));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("points").asLong()).isEqualTo(7);
		var points = member.points(run, "loss");
		assertThat(points.steps()).containsExactly(0L, 1L, 2L, 3L, 3L, 4L, 5L);
		assertThat(points.timestamps()).containsExactly(1_700_000_000_000L, 1_700_000_000_100L, 1_700_000_000_200L,
				1_700_000_000_300L, 1_700_000_000_301L, 1_700_000_000_400L, 1_700_000_000_500L);
		assertThat(points.values()).containsExactly(1e-300, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 42.0,
				Double.NEGATIVE_INFINITY, 0.5);
		assertThat(Double.doubleToRawLongBits(points.values().get(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
	}

	@Test
	void bare_nan_and_infinity_tokens_as_python_writes_them_are_accepted() {
		var run = member.startRun(acme.project().id().toString());

		var response = member.log(run, """
				{"series":[{"key":"x","steps":[0,1,2],"timestamps":[1,2,3],"values":[NaN, Infinity, -Infinity]}]}""");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(member.points(run, "x").values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
				Double.NEGATIVE_INFINITY);
	}

	@Test
	void a_retried_batch_with_the_same_batch_id_is_applied_once() {
		var run = member.startRun(acme.project().id().toString());
		var body = TrackingClient.batch("batch-0001",
				TrackingClient.series("acc", new long[] { 0, 1 }, new long[] { 10, 20 }, new double[] { 0.1, 0.2 }));

		var first = member.log(run, body);
		var retry = member.log(run, body);

		assertThat(first.json().get("duplicate").asBoolean()).isFalse();
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
		assertThat(member.points(run, "acc").steps()).containsExactly(0L, 1L);
		var summary = member.http().get("/api/v1/runs/" + run + "/metrics").json().get("items").get(0);
		assertThat(summary.get("count").asLong()).isEqualTo(2);
	}

	@Test
	void summaries_keep_the_latest_step_as_last_and_ignore_nan_for_min_and_max() {
		var run = member.startRun(acme.project().id().toString());
		member.log(run, TrackingClient.batch(null, TrackingClient.series("loss", new long[] { 10, 11 },
				new long[] { 100, 110 }, new double[] { 3.0, Double.NaN })));
		member.log(run, TrackingClient.batch(null,
				TrackingClient.series("loss", new long[] { 2 }, new long[] { 20 }, new double[] { -1.0 })));

		var summary = member.http().get("/api/v1/runs/" + run + "/metrics").json().get("items").get(0);

		assertThat(summary.get("count").asLong()).isEqualTo(3);
		assertThat(summary.get("lastStep").asLong()).isEqualTo(11);
		assertThat(TrackingClient.value(summary.get("last"))).isNaN();
		assertThat(summary.get("min").asDouble()).isEqualTo(-1.0);
		assertThat(summary.get("max").asDouble()).isEqualTo(3.0);
	}

	@Test
	void a_large_batch_of_400k_points_and_12_mb_is_stored_whole_also_when_gzipped() throws Exception {
		var run = member.startRun(acme.project().id().toString());
		int n = 100_000;
		var series = new String[4];
		for (int k = 0; k < 4; k++) {
			var steps = new long[n];
			var ts = new long[n];
			var values = new double[n];
			for (int i = 0; i < n; i++) {
				steps[i] = i;
				ts[i] = 1_700_000_000_000L + 97L * i;
				values[i] = Math.sin(i * 0.001 + k) * 123.456789;
			}
			series[k] = TrackingClient.series("m" + k, steps, ts, values);
		}
		var body = TrackingClient.batch("big", series);
		assertThat(body.length()).isGreaterThan(10_000_000);

		var plain = member.log(run, body);
		var gzipped = new java.io.ByteArrayOutputStream();
		try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
			gzip.write(TrackingClient.batch("big-gz", series).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		var other = member.startRun(acme.project().id().toString());
		var request = java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/runs/" + other + "/metrics"))
			.header("Authorization", "Bearer " + acme.key(Role.MEMBER))
			.header("Content-Type", "application/json")
			.header("Content-Encoding", "gzip")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()))
			.build();
		var compressed = java.net.http.HttpClient.newHttpClient().send(request,
				java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
		assertThat(plain.json().get("points").asLong()).isEqualTo(4L * n);
		assertThat(compressed.statusCode()).as(compressed.body()).isEqualTo(200);
		var summaries = member.http().get("/api/v1/runs/" + other + "/metrics").json().get("items");
		assertThat(summaries.valueStream().mapToLong(m -> m.get("count").asLong()).sum()).isEqualTo(4L * n);
		assertThat(summaries.get(0).get("lastStep").asLong()).isEqualTo(n - 1);
	}

	@Test
	void an_unsupported_content_encoding_is_refused() {
		var run = member.startRun(acme.project().id().toString());

		var response = member.http().with("Content-Encoding", "br").post("/api/v1/runs/" + run + "/metrics",
				TrackingClient.batch(null));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("Content-Encoding");
	}

	@Test
	void a_series_of_only_nan_has_no_min_or_max_but_counts_its_points() {
		var run = member.startRun(acme.project().id().toString());

		var response = member.log(run, TrackingClient.batch(null, TrackingClient.series("diverged",
				new long[] { 0, 1 }, new long[] { 0, 1 }, new double[] { Double.NaN, Double.NaN })));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var summary = member.http().get("/api/v1/runs/" + run + "/metrics").json().get("items").get(0);
		assertThat(summary.get("count").asLong()).isEqualTo(2);
		assertThat(summary.get("min")).isNull();
		assertThat(summary.get("max")).isNull();
		assertThat(member.points(run, "diverged").values()).containsExactly(Double.NaN, Double.NaN);
	}

	@Test
	void concurrent_writers_to_the_same_and_different_runs_never_fail_and_lose_nothing() throws Exception {
		var shared = member.startRun(acme.project().id().toString());
		var own = new ArrayList<String>();
		for (int i = 0; i < 4; i++) {
			own.add(member.startRun(acme.project().id().toString()));
		}
		int writers = 8;
		int batches = 15;
		var tasks = new ArrayList<Callable<List<Integer>>>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			tasks.add(() -> {
				var statuses = new ArrayList<Integer>();
				for (int b = 0; b < batches; b++) {
					long step = (long) writer * batches + b;
					var body = TrackingClient.batch(null,
							TrackingClient.series("loss", new long[] { step }, new long[] { step }, new double[] { step }),
							TrackingClient.series("acc", new long[] { step }, new long[] { step }, new double[] { step }),
							TrackingClient.series("w" + writer, new long[] { b }, new long[] { b }, new double[] { b }));
					statuses.add(member.log(shared, body).status());
					statuses.add(member.log(own.get(writer % own.size()), body).status());
				}
				return statuses;
			});
		}
		try (var pool = Executors.newFixedThreadPool(writers)) {
			for (var future : pool.invokeAll(tasks)) {
				assertThat(future.get()).containsOnly(200);
			}
		}

		assertThat(member.points(shared, "loss").steps()).hasSize(writers * batches);
		assertThat(member.points(shared, "acc").steps()).hasSize(writers * batches).doesNotHaveDuplicates();
		long ownTotal = own.stream().mapToLong(r -> member.points(r, "loss").steps().size()).sum();
		assertThat(ownTotal).isEqualTo(writers * batches);
	}

	@Test
	void a_batch_with_one_bad_series_writes_nothing_at_all() {
		var run = member.startRun(acme.project().id().toString());
		var good = TrackingClient.series("good", new long[] { 0 }, new long[] { 0 }, new double[] { 1 });

		var response = member.log(run,
				TrackingClient.batch(null, good, "{\"key\":\"bad\",\"steps\":[0,1],\"values\":[1]}"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("'bad'").contains("different lengths");
		assertThat(member.http().get("/api/v1/runs/" + run + "/metrics").json().get("items").size()).isZero();
	}

	@Test
	void malformed_batches_are_refused_with_a_message_naming_the_problem() {
		var run = member.startRun(acme.project().id().toString());
		var longKey = "k".repeat(251);

		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[0],\"values\":[\"abc\"]}]}", 400,
				"values[0] is the string 'abc'");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[0],\"values\":[true]}]}", 400,
				"values[0] is not a number");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[0],\"values\":[null]}]}", 400, "not a number");
		assertRejected(run, "{\"series\":[{\"key\":\"" + longKey + "\",\"steps\":[0],\"values\":[1]}]}", 400,
				"limit is 250");
		assertRejected(run, "{\"series\":[{\"key\":\"a\\u0007b\",\"steps\":[0],\"values\":[1]}]}", 400,
				"control characters");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[1.5],\"values\":[1]}]}", 400,
				"steps[0] must be an integer");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[99999999999999999999],\"values\":[1]}]}", 400,
				"64-bit range");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[0],\"values\":[1e400]}]}", 400,
				"outside the range of a 64-bit float");
		assertRejected(run, "{\"series\":[{\"key\":\"a\",\"steps\":[0],\"timestamps\":[\"x\"],\"values\":[1]}]}", 400,
				"timestamps[0] must be an integer");
		assertRejected(run, "{\"series\":[{\"steps\":[0],\"values\":[1]}]}", 400, "needs a key");
		assertRejected(run, "{\"series\": [", 400, "not valid JSON");
		assertRejected(run, "[]", 400, "must be a JSON object");
		assertRejected(run, "{\"batchId\":\"" + "b".repeat(200) + "\",\"series\":[]}", 400, "batchId");
	}

	@Test
	void writing_to_a_finished_run_is_a_conflict_until_it_is_reopened() {
		var run = member.startRun(acme.project().id().toString());
		member.http().patch("/api/v1/runs/" + run, "{\"state\":\"FINISHED\"}");
		var body = TrackingClient.batch(null,
				TrackingClient.series("x", new long[] { 0 }, new long[] { 0 }, new double[] { 1 }));

		var refused = member.log(run, body);
		member.http().patch("/api/v1/runs/" + run, "{\"state\":\"RUNNING\"}");
		var accepted = member.log(run, body);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("FINISHED").contains("reopen");
		assertThat(accepted.status()).isEqualTo(200);
	}

	@Test
	void unknown_runs_and_other_tenants_runs_answer_404_and_viewers_cannot_log() {
		var globex = tenants.create();
		var globexRun = new TrackingClient(new Http(port).bearer(globex.key(Role.MEMBER)))
			.startRun(globex.project().id().toString());
		var run = member.startRun(acme.project().id().toString());
		var body = TrackingClient.batch(null,
				TrackingClient.series("x", new long[] { 0 }, new long[] { 0 }, new double[] { 1 }));

		assertThat(member.log(globexRun, body).status()).isEqualTo(404);
		assertThat(member.log(java.util.UUID.randomUUID().toString(), body).status()).isEqualTo(404);
		assertThat(member.http().get("/api/v1/runs/" + globexRun + "/points?key=x").status()).isEqualTo(404);
		assertThat(new Http(port).bearer(acme.key(Role.VIEWER)).post("/api/v1/runs/" + run + "/metrics", body)
			.status()).isEqualTo(403);
	}

	private void assertRejected(String run, String body, int status, String detail) {
		var response = member.log(run, body);
		assertThat(response.status()).as(body + " -> " + response).isEqualTo(status);
		assertThat(response.json().get("detail").asString()).as(body).contains(detail);
	}
}
