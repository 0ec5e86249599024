package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class SeriesReadTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	TrackingClient member;

	String run;

	static final int N = 20_000;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new TrackingClient(new Http(port).bearer(acme.key(Role.MEMBER)));
		run = member.startRun(acme.project().id().toString());
		var steps = new long[N];
		var ts = new long[N];
		var loss = new double[N];
		var acc = new double[N];
		for (int i = 0; i < N; i++) {
			steps[i] = i;
			ts[i] = 1_700_000_000_000L + i * 100L;
			loss[i] = 10.0 / (i + 1);
			acc[i] = i / (double) N;
		}
		loss[777] = 1000; // a spike that an envelope must not lose
		var response = member.log(run, TrackingClient.batch(null, TrackingClient.series("loss", steps, ts, loss),
				TrackingClient.series("acc", steps, ts, acc)));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void bucket_envelopes_cover_every_point_and_keep_spikes() {
		var answer = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"],\"points\":100}");

		var buckets = answer.get("series").get(0).get("buckets");
		assertThat(buckets.get("count").size()).isEqualTo(100);
		assertThat(buckets.get("count").valueStream().mapToLong(JsonNode::asLong).sum()).isEqualTo(N);
		assertThat(buckets.get("max").get(3).asDouble()).isEqualTo(1000.0);
		assertThat(buckets.get("first").get(0).asDouble()).isEqualTo(10.0);
		assertThat(buckets.get("last").get(99).asDouble()).isEqualTo(10.0 / N);
		assertThat(buckets.get("min").get(99).asDouble()).isEqualTo(10.0 / N);
	}

	@Test
	void a_chart_asking_for_some_arrays_gets_only_those_with_the_bucket_range_to_place_them() {
		var all = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"],\"points\":100}")
			.get("series").get(0).get("buckets");
		var some = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"],\"points\":100,"
				+ "\"fields\":[\"count\",\"mean\"]}").get("series").get(0).get("buckets");

		assertThat(some.propertyNames()).containsExactlyInAnyOrder("n", "from", "to", "count", "mean");
		assertThat(some.get("count")).isEqualTo(all.get("count"));
		assertThat(some.get("mean")).isEqualTo(all.get("mean"));
		assertThat(some.get("n").asInt()).isEqualTo(100);
		assertThat(some.get("from").asDouble()).isEqualTo(all.get("start").get(0).asDouble());
		assertThat(some.get("to").asDouble()).isEqualTo(all.get("end").get(99).asDouble());
		// Bucket i starts at from + i·(to − from)/n, as the full answer's start array says.
		double width = (some.get("to").asDouble() - some.get("from").asDouble()) / 100;
		assertThat(some.get("from").asDouble() + 37 * width).isCloseTo(all.get("start").get(37).asDouble(),
				org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void raw_points_can_leave_out_the_step_and_timestamp_arrays() {
		var series = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"acc\"],\"mode\":\"LTTB\",\"points\":50,"
				+ "\"fields\":[\"x\",\"y\"]}").get("series").get(0);

		assertThat(series.get("x").size()).isEqualTo(50);
		assertThat(series.get("y").size()).isEqualTo(50);
		assertThat(series.has("steps")).isFalse();
		assertThat(series.has("timestamps")).isFalse();
	}

	@Test
	void a_series_large_enough_to_be_split_over_cores_answers_exactly_the_buckets_of_its_points() {
		int size = Cores.MIN_POINTS + 50_001;
		var steps = new long[size];
		var ts = new long[size];
		var y = new double[size];
		var x = new double[size];
		var random = new java.util.Random(5);
		for (int i = 0; i < size; i++) {
			steps[i] = i;
			x[i] = i;
			ts[i] = 1_700_000_000_000L + i;
			y[i] = random.nextGaussian();
		}
		var big = member.startRun(acme.project().id().toString());
		assertThat(member.log(big, TrackingClient.batch(null, TrackingClient.series("noise", steps, ts, y))).status())
			.isEqualTo(200);

		var answer = query("{\"runIds\":[\"" + big + "\"],\"keys\":[\"noise\"],\"points\":1000}");

		var expected = Sampling.buckets(x, y, size, 1000, 0, size - 1);
		var buckets = answer.get("series").get(0).get("buckets");
		assertThat(buckets.get("count").valueStream().mapToLong(JsonNode::asLong).toArray())
			.containsExactly(expected.count());
		assertThat(buckets.get("min").valueStream().mapToDouble(JsonNode::asDouble).toArray())
			.containsExactly(expected.min());
		assertThat(buckets.get("max").valueStream().mapToDouble(JsonNode::asDouble).toArray())
			.containsExactly(expected.max());
		assertThat(buckets.get("first").valueStream().mapToDouble(JsonNode::asDouble).toArray())
			.containsExactly(expected.first());
		assertThat(buckets.get("last").valueStream().mapToDouble(JsonNode::asDouble).toArray())
			.containsExactly(expected.last());
	}

	@Test
	void lttb_returns_the_requested_number_of_points_including_both_ends() {
		var answer = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"],\"mode\":\"LTTB\",\"points\":500}");

		var series = answer.get("series").get(0);
		assertThat(series.get("x").size()).isEqualTo(500);
		assertThat(series.get("x").get(0).asDouble()).isEqualTo(0);
		assertThat(series.get("x").get(499).asDouble()).isEqualTo(N - 1);
		assertThat(series.get("y").valueStream().mapToDouble(JsonNode::asDouble).max().orElseThrow()).isEqualTo(1000);
	}

	@Test
	void a_step_range_limits_raw_points() {
		var answer = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"acc\"],\"mode\":\"RAW\",\"minStep\":100,"
				+ "\"maxStep\":109}");

		var series = answer.get("series").get(0);
		assertThat(series.get("steps").valueStream().map(JsonNode::asLong)).containsExactly(100L, 101L, 102L, 103L,
				104L, 105L, 106L, 107L, 108L, 109L);
	}

	@Test
	void metric_versus_metric_aligns_points_by_step() {
		var answer = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"],\"xAxis\":\"metric:acc\","
				+ "\"mode\":\"RAW\",\"maxStep\":4}");

		var series = answer.get("series").get(0);
		assertThat(series.get("x").valueStream().map(JsonNode::asDouble)).containsExactly(0.0, 1.0 / N, 2.0 / N,
				3.0 / N, 4.0 / N);
		assertThat(series.get("y").get(1).asDouble()).isEqualTo(5.0);
	}

	@Test
	void relative_time_counts_from_the_run_start_and_wall_time_is_epoch_millis() {
		var wall = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"acc\"],\"xAxis\":\"timestamp\","
				+ "\"mode\":\"RAW\",\"maxStep\":1}");

		assertThat(wall.get("series").get(0).get("x").get(1).asDouble()).isEqualTo(1_700_000_000_100.0);
	}

	@Test
	void ema_smoothing_is_applied_server_side_with_debiasing() {
		var answer = query("{\"runIds\":[\"" + run + "\"],\"keys\":[\"acc\"],\"mode\":\"RAW\",\"maxStep\":2,"
				+ "\"smoothing\":0.5}");

		var y = answer.get("series").get(0).get("y");
		assertThat(y.get(0).asDouble()).isEqualTo(0.0);
		// (0.5 * 0.5 * 0 + 0.5 * 1/N) / (1 - 0.25)
		assertThat(y.get(1).asDouble()).isCloseTo((0.5 / N) / 0.75, org.assertj.core.data.Offset.offset(1e-12));
	}

	@Test
	void raw_points_page_through_cursors_without_gaps() {
		var points = member.points(run, "acc");

		assertThat(points.steps()).hasSize(N).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void an_overlay_of_many_runs_answers_each_series_in_the_requested_order() {
		var other = member.startRun(acme.project().id().toString());
		member.log(other, TrackingClient.batch(null,
				TrackingClient.series("loss", new long[] { 0, 1 }, new long[] { 0, 1 }, new double[] { 7, 8 })));

		var answer = query("{\"runIds\":[\"" + other + "\",\"" + run + "\"],\"keys\":[\"loss\",\"acc\"],"
				+ "\"points\":10}");

		var series = answer.get("series");
		assertThat(series.size()).isEqualTo(3);
		assertThat(series.get(0).get("runId").asString()).isEqualTo(other);
		assertThat(series.get(1).get("key").asString()).isEqualTo("loss");
		assertThat(series.get(2).get("key").asString()).isEqualTo("acc");
	}

	@Test
	void a_follower_learns_cheaply_which_series_changed_since_its_cursor() {
		var first = member.http().get("/api/v1/runs/" + run + "/metrics/changes?after=0").json();
		long cursor = first.get("cursor").asLong();

		var quiet = member.http().get("/api/v1/runs/" + run + "/metrics/changes?after=" + cursor).json();
		member.log(run, TrackingClient.batch(null,
				TrackingClient.series("acc", new long[] { N }, new long[] { 0 }, new double[] { 1.0 })));
		var changed = member.http().get("/api/v1/runs/" + run + "/metrics/changes?after=" + cursor).json();

		assertThat(first.get("changed").size()).isEqualTo(2);
		assertThat(quiet.get("changed").size()).isZero();
		assertThat(quiet.get("cursor").asLong()).isEqualTo(cursor);
		assertThat(changed.get("changed").size()).isEqualTo(1);
		assertThat(changed.get("changed").get(0).get("key").asString()).isEqualTo("acc");
		assertThat(changed.get("changed").get(0).get("lastStep").asLong()).isEqualTo(N);
		assertThat(changed.get("cursor").asLong()).isGreaterThan(cursor);
	}

	@Test
	void bad_queries_are_refused_by_name() {
		var base = "{\"runIds\":[\"" + run + "\"],\"keys\":[\"loss\"]";

		assertProblem(base + ",\"mode\":\"FANCY\"}", "mode must be");
		assertProblem(base + ",\"points\":0}", "points must be");
		assertProblem(base + ",\"smoothing\":1.5}", "smoothing");
		assertProblem(base + ",\"xAxis\":\"banana\"}", "xAxis must be");
		assertProblem("{\"runIds\":[],\"keys\":[\"loss\"]}", "runIds");
		assertProblem(base + ",\"fields\":[\"mean\",\"median\"]}", "fields: 'median' is not an array of mode BUCKETS");
		assertProblem(base + ",\"mode\":\"LTTB\",\"fields\":[\"mean\"]}", "fields: 'mean' is not an array of mode LTTB");
		assertProblem(base + ",\"fields\":[]}", "fields must name at least one");
		assertProblem(base + ",\"fields\":[null]}", "fields: 'null'");
		assertProblem(base + ",\"mode\":\"RAW\",\"points\":10}".replace("\"points\":10", "\"maxStep\":-1,\"minStep\":5"),
				"minStep must not exceed maxStep");
	}

	private JsonNode query(String body) {
		var response = member.http().post("/api/v1/series/query", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private void assertProblem(String body, String detail) {
		var response = member.http().post("/api/v1/series/query", body);
		assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains(detail);
	}
}
