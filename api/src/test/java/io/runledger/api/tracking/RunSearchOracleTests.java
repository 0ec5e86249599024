package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunFilterOracle;
import io.runledger.api.tracking.search.RunOrder;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

/**
 * Run search against a brute-force oracle: random runs with random params, tags and metrics go in through the
 * API; random filters and orders come back page by page through the API and must equal what the oracle computes
 * from the same runs read back one by one.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunSearchOracleTests {

	static final int RUNS = 240;

	static final String[] OPTIMIZERS = { "adam", "sgd", "rmsprop", "Adam" };

	static final String[] LRS = { "0.1", "0.01", "0.001", "1e-4", "fast", "10" };

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant tenant;

	Http http;

	final List<RunFilterOracle.Run> oracleRuns = new ArrayList<>();

	@BeforeAll
	void loadRandomRuns() {
		tenant = tenants.create();
		http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var random = new Random(42);
		var client = new TrackingClient(http);
		var ids = new ArrayList<String>();
		for (int i = 0; i < RUNS; i++) {
			var config = new StringBuilder("{");
			if (random.nextInt(10) > 0) {
				config.append("\"optimizer\":\"").append(OPTIMIZERS[random.nextInt(OPTIMIZERS.length)]).append("\",");
			}
			if (random.nextInt(10) > 1) {
				config.append("\"lr\":\"").append(LRS[random.nextInt(LRS.length)]).append("\",");
			}
			config.append("\"bs\":").append(16 << random.nextInt(4)).append("}");
			var tags = random.nextBoolean() ? "{\"stage\":\"" + (random.nextBoolean() ? "dev" : "prod") + "\"}" : "{}";
			var name = "run-" + (char) ('a' + random.nextInt(5)) + i;
			var created = http.post("/api/v1/projects/" + tenant.project().id() + "/runs", "{\"name\":\"" + name
					+ "\",\"config\":" + config + ",\"tags\":" + tags + (random.nextInt(4) == 0 ? ",\"group\":\"g1\"" : "")
					+ "}");
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			var id = created.json().get("id").asString();
			ids.add(id);
			var series = new ArrayList<String>();
			if (random.nextInt(10) > 0) {
				int n = 1 + random.nextInt(4);
				var steps = new long[n];
				var values = new double[n];
				for (int s = 0; s < n; s++) {
					steps[s] = s;
					values[s] = random.nextInt(20) == 0 ? Double.NaN : Math.round(random.nextDouble() * 1000) / 1000.0;
				}
				series.add(TrackingClient.series("loss", steps, steps, values));
			}
			if (random.nextBoolean()) {
				series.add(TrackingClient.series("acc", new long[] { 0 }, new long[] { 0 },
						new double[] { random.nextInt(5) / 4.0 }));
			}
			if (!series.isEmpty()) {
				assertThat(client.log(id, TrackingClient.batch(null, series.toArray(String[]::new))).status())
					.isEqualTo(200);
			}
			switch (random.nextInt(6)) {
				case 0 -> http.patch("/api/v1/runs/" + id, "{\"state\":\"FINISHED\"}");
				case 1 -> http.patch("/api/v1/runs/" + id, "{\"state\":\"FAILED\"}");
				case 2 -> http.delete("/api/v1/runs/" + id);
				default -> {
				}
			}
		}
		for (var id : ids) {
			oracleRuns.add(oracleRun(http.get("/api/v1/runs/" + id).json()));
		}
	}

	static final List<String> FILTERS = List.of("", "params.optimizer = 'adam'", "params.optimizer != 'adam'",
			"params.lr > 0.005", "params.lr <= 0.01 and params.bs >= 64", "params.lr = 'fast'",
			"params.optimizer ILIKE 'ADAM'", "params.optimizer LIKE 'a%'", "params.optimizer IN ('sgd', 'rmsprop')",
			"params.optimizer NOT IN ('sgd')", "params.optimizer IS NULL", "params.lr IS NOT NULL",
			"metrics.loss < 0.5", "metrics.loss >= 0.5 or tags.stage = 'prod'", "min(metrics.loss) < 0.2",
			"max(metrics.loss) > 0.9", "metrics.acc = 1", "tags.stage = 'dev' and not params.bs = 16",
			"tags.stage IS NULL", "name LIKE 'run-a%'", "state = 'FINISHED'", "state != 'RUNNING'",
			"group = 'g1'", "(params.optimizer = 'sgd' or params.optimizer = 'adam') and metrics.loss > 0.1",
			"metrics.loss IS NULL", "params.bs IN (16, 32)");

	static final List<List<String>> ORDERS = List.of(List.of(), List.of("metrics.loss ASC"),
			List.of("metrics.loss DESC"), List.of("params.lr ASC", "name DESC"), List.of("params.optimizer DESC"),
			List.of("tags.stage ASC", "metrics.acc DESC"), List.of("name ASC"), List.of("started_at ASC"),
			List.of("max(metrics.loss) DESC"), List.of("state ASC", "params.bs DESC"));

	@Test
	void every_filter_and_order_pages_through_exactly_what_the_oracle_finds() {
		var random = new Random(7);
		for (var filter : FILTERS) {
			var order = ORDERS.get(random.nextInt(ORDERS.size()));
			int pageSize = 7 + random.nextInt(50);
			compare(filter, order, pageSize, false);
		}
		for (var order : ORDERS) {
			compare(FILTERS.get(random.nextInt(FILTERS.size())), order, 13, random.nextBoolean());
		}
	}

	private void compare(String filter, List<String> order, int pageSize, boolean includeDeleted) {
		var expected = RunFilterOracle.search(oracleRuns, filter.isEmpty() ? null : RunFilter.parse(filter),
				order.isEmpty() ? null : RunOrder.parse(order), includeDeleted, Instant.now())
			.stream()
			.map(run -> run.runId().toString())
			.toList();
		var actual = new ArrayList<String>();
		String cursor = null;
		Long total = null;
		int pages = 0;
		do {
			var response = http.post("/api/v1/projects/" + tenant.project().id() + "/runs/search",
					"{\"filter\":" + quote(filter) + ",\"orderBy\":" + strings(order) + ",\"limit\":" + pageSize
							+ ",\"count\":true,\"includeDeleted\":" + includeDeleted
							+ (cursor == null ? "" : ",\"cursor\":" + quote(cursor)) + "}");
			assertThat(response.status()).as(filter + " " + order + " -> " + response).isEqualTo(200);
			var json = response.json();
			json.get("runs").valueStream().forEach(run -> actual.add(run.get("id").asString()));
			total = json.get("total").asLong();
			cursor = json.get("nextCursor") == null || json.get("nextCursor").isNull() ? null
					: json.get("nextCursor").asString();
			assertThat(++pages).isLessThan(RUNS);
		}
		while (cursor != null);

		assertThat(actual).as("filter %s order %s", filter, order).containsExactlyElementsOf(expected);
		assertThat(total).as("count for %s", filter).isEqualTo(expected.size());
	}

	@Test
	void the_data_set_exercises_every_branch_of_the_semantics() {
		assertThat(oracleRuns).hasSize(RUNS);
		assertThat(oracleRuns).anyMatch(run -> !run.params().containsKey("optimizer"));
		assertThat(oracleRuns).anyMatch(run -> run.deleted());
		assertThat(oracleRuns).anyMatch(run -> run.metrics().containsKey("loss")
				&& run.metrics().get("loss").last() != null && run.metrics().get("loss").last().isNaN());
		assertThat(oracleRuns).anyMatch(run -> !run.metrics().containsKey("loss"));
	}

	@Test
	void a_filter_that_does_not_parse_is_a_400_naming_the_problem() {
		var response = http.post("/api/v1/projects/" + tenant.project().id() + "/runs/search",
				"{\"filter\":\"params.x = 'unterminated\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void another_tenant_cannot_search_this_project() {
		var other = tenants.create();

		var response = new Http(port).bearer(other.key(Role.OWNER))
			.post("/api/v1/projects/" + tenant.project().id() + "/runs/search", "{}");

		assertThat(response.status()).isEqualTo(404);
	}

	private static RunFilterOracle.Run oracleRun(JsonNode run) {
		var params = new HashMap<String, RunFilterOracle.Param>();
		run.get("params").properties().forEach(e -> params.put(e.getKey(), RunFilterOracle.Param.of(e.getValue()
			.asString())));
		var tags = new HashMap<String, String>();
		run.get("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
		var metrics = new HashMap<String, RunFilterOracle.Summary>();
		run.get("metrics").valueStream().forEach(m -> metrics.put(m.get("key").asString(),
				new RunFilterOracle.Summary(number(m.get("last")), number(m.get("min")), number(m.get("max")))));
		return new RunFilterOracle.Run(UUID.fromString(run.get("id").asString()), run.get("name").asString(),
				run.get("state").asString(), run.get("createdBy").asString(),
				run.get("group") == null || run.get("group").isNull() ? null : run.get("group").asString(),
				Instant.parse(run.get("startTime").asString()),
				run.get("endTime") == null || run.get("endTime").isNull() ? null
						: Instant.parse(run.get("endTime").asString()),
				run.get("deleted").asBoolean(), params, tags, metrics);
	}

	private static Double number(JsonNode node) {
		return node == null || node.isNull() ? null : TrackingClient.value(node);
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String strings(List<String> items) {
		return "[" + String.join(",", items.stream().map(RunSearchOracleTests::quote).toList()) + "]";
	}

}
