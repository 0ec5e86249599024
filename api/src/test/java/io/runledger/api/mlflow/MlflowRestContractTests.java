package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's wire contract over plain HTTP, for what the Java client does not exercise: query-string lists, both run id
 * fields, error codes and bodies, limits, paging, the bulk history endpoint, tenancy, roles and the ajax-api alias.
 */
@IntegrationTest
class MlflowRestContractTests {

	static final String API = "/api/2.0/mlflow/";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	TestTenants.Tenant acme;

	Http member;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
	}

	// ------------------------------------------------------------------------------------------------ reading requests

	@Test
	void a_get_reads_a_repeated_query_key_as_a_list_and_a_single_one_as_a_list_of_one() {
		var first = experiment("first");
		var second = experiment("second");
		var a = run(first);
		var b = run(second);

		var both = member.get(API + "runs/search?experiment_ids=" + first + "&experiment_ids=" + second);
		var one = member.get(API + "runs/search?experiment_ids=" + first);
		var brackets = member.get(API + "runs/search?experiment_ids%5B%5D=" + first + "&experiment_ids%5B%5D=" + second);

		assertThat(runIds(both)).containsExactlyInAnyOrder(a, b);
		assertThat(runIds(one)).containsExactly(a);
		assertThat(runIds(brackets)).containsExactlyInAnyOrder(a, b);
	}

	@Test
	void runs_are_found_by_run_id_or_run_uuid_in_hex_or_dashed_form() {
		var runId = run(experiment("ids"));
		var dashed = UUID.fromString(runId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));

		var byRunId = member.get(API + "runs/get?run_id=" + runId);
		var byRunUuid = member.get(API + "runs/get?run_uuid=" + runId);
		var byDashed = member.get(API + "runs/get?run_id=" + dashed);
		var logged = member.post(API + "runs/log-parameter",
				"{\"run_uuid\": \"" + runId + "\", \"key\": \"k\", \"value\": \"v\"}");

		assertThat(byRunId.json().at("/run/info/run_id").asString()).isEqualTo(runId);
		assertThat(byRunId.json().at("/run/info/run_uuid").asString()).isEqualTo(runId);
		assertThat(byRunUuid.json().at("/run/info/run_id").asString()).isEqualTo(runId);
		assertThat(byDashed.json().at("/run/info/run_id").asString()).isEqualTo(runId);
		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		assertThat(logged.body()).isEqualTo("{}");
	}

	@Test
	void int64_fields_are_json_numbers_and_accepted_as_strings() {
		var runId = run(experiment("numbers"));
		var logged = member.post(API + "runs/log-metric", """
				{"run_id": "%s", "key": "loss", "value": "0.5", "timestamp": "1700000000000", "step": "3"}"""
			.formatted(runId));

		var run = member.get(API + "runs/get?run_id=" + runId).json();

		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		assertThat(run.at("/run/info/start_time").isNumber()).isTrue();
		assertThat(run.at("/run/data/metrics/0/timestamp").isNumber()).isTrue();
		assertThat(run.at("/run/data/metrics/0/timestamp").asLong()).isEqualTo(1_700_000_000_000L);
		assertThat(run.at("/run/data/metrics/0/step").asLong()).isEqualTo(3);
		assertThat(run.at("/run/info/status").asString()).isEqualTo("RUNNING");
	}

	@Test
	void python_style_bare_nan_and_infinity_are_accepted_and_answered_as_strings() {
		var runId = run(experiment("nan"));

		var logged = member.post(API + "runs/log-batch", """
				{"run_id": "%s", "metrics": [
				  {"key": "loss", "value": NaN, "timestamp": 1, "step": 0},
				  {"key": "loss", "value": Infinity, "timestamp": 2, "step": 1},
				  {"key": "loss", "value": -Infinity, "timestamp": 3, "step": 2}]}""".formatted(runId));
		var history = member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=loss").json();

		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		assertThat(history.get("metrics").valueStream().map(m -> m.get("value").asString()))
			.containsExactly("NaN", "Infinity", "-Infinity");
	}

	@Test
	void a_body_double_encoded_as_a_json_string_is_decoded_again() {
		var response = member.post(API + "experiments/create",
				"\"{\\\"name\\\": \\\"double-" + UUID.randomUUID() + "\\\"}\"");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("experiment_id").asString()).isNotBlank();
	}

	// ------------------------------------------------------------------------------------------------ errors

	@Test
	void an_unknown_run_is_resource_does_not_exist_404_in_mlflow_format() {
		var response = member.get(API + "runs/get?run_id=" + UUID.randomUUID().toString().replace("-", ""));

		assertMlflowError(response, 404, "RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "runs/get?run_id=not-a-run"), 404, "RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "experiments/get?experiment_id=" + UUID.randomUUID()), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "experiments/get-by-name?experiment_name=nope"), 404,
				"RESOURCE_DOES_NOT_EXIST");
	}

	@Test
	void a_duplicate_experiment_name_is_resource_already_exists_400() {
		var name = "dup " + UUID.randomUUID();
		experiment(name);

		assertMlflowError(member.post(API + "experiments/create", "{\"name\": \"" + name + "\"}"), 400,
				"RESOURCE_ALREADY_EXISTS");
	}

	@Test
	void bad_input_is_invalid_parameter_value_400_naming_the_problem() {
		var runId = run(experiment("bad"));

		var missingKey = member.post(API + "runs/log-metric",
				"{\"run_id\": \"" + runId + "\", \"value\": 1, \"timestamp\": 1}");
		var badKey = member.post(API + "runs/log-metric",
				"{\"run_id\": \"" + runId + "\", \"key\": \"../up\", \"value\": 1, \"timestamp\": 1}");
		var badType = member.post(API + "runs/log-metric",
				"{\"run_id\": \"" + runId + "\", \"key\": \"k\", \"value\": 1, \"timestamp\": \"soon\"}");
		var negative = member.post(API + "runs/log-metric",
				"{\"run_id\": \"" + runId + "\", \"key\": \"k\", \"value\": 1, \"timestamp\": -5}");
		var malformed = member.post(API + "runs/log-metric", "{\"run_id\": ");
		var badFilter = member.post(API + "runs/search",
				"{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.acc >> 1\"}");
		var longParam = member.post(API + "runs/log-parameter", "{\"run_id\": \"" + runId
				+ "\", \"key\": \"k\", \"value\": \"" + "x".repeat(6001) + "\"}");

		assertMlflowError(missingKey, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(missingKey)).contains("Missing value for required parameter 'key'");
		assertMlflowError(badKey, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(badKey)).contains("Invalid metric name");
		assertMlflowError(badType, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(badType)).contains("timestamp");
		assertMlflowError(negative, 400, "INVALID_PARAMETER_VALUE");
		assertMlflowError(malformed, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(malformed)).contains("not valid JSON");
		assertMlflowError(badFilter, 400, "INVALID_PARAMETER_VALUE");
		assertMlflowError(longParam, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(longParam)).contains("exceeded length limit of 6000");
	}

	@Test
	void artifact_locations_this_server_does_not_serve_are_refused_naming_the_accepted_ones() {
		var refused = new ArrayList<String>();
		for (var location : List.of("file:///etc/", "/tmp/artifacts", "artifacts", "s3://someone-elses-bucket/x",
				"mlflow-artifacts://other-host:5000/x", "mlflow-artifacts:/a/../b", "s3://runledger-test-allowed/x?y=1")) {
			var response = member.post(API + "experiments/create", """
					{"name": "loc-%s", "artifact_location": "%s"}""".formatted(UUID.randomUUID(), location));
			assertMlflowError(response, 400, "INVALID_PARAMETER_VALUE");
			refused.add(message(response));
		}
		var proxied = member.post(API + "experiments/create", """
				{"name": "loc-%s", "artifact_location": "mlflow-artifacts:/team/exp"}""".formatted(UUID.randomUUID()));
		var allowed = member.post(API + "experiments/create", """
				{"name": "loc-%s", "artifact_location": "s3://runledger-test-allowed/mlflow/a"}"""
			.formatted(UUID.randomUUID()));

		assertThat(refused.getFirst()).contains("'file:///etc/'", "artifact_location", "mlflow-artifacts:/",
				"s3://runledger-test-allowed/mlflow/");
		assertThat(proxied.status()).as(proxied.toString()).isEqualTo(200);
		assertThat(member.get(API + "experiments/get?experiment_id=" + proxied.json().get("experiment_id").asString())
			.json().at("/experiment/artifact_location").asString()).isEqualTo("mlflow-artifacts:/team/exp");
		assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
		assertThat(member.post(API + "experiments/search", "{\"max_results\": 1000}").json().get("experiments")
			.valueStream().map(e -> e.get("artifact_location").asString()))
			.noneMatch(location -> location.startsWith("file:") || location.startsWith("/"));
	}

	@Test
	void batches_over_mlflows_limits_are_refused_whole() {
		var runId = run(experiment("limits"));
		var metrics = IntStream.range(0, 1001)
			.mapToObj(i -> "{\"key\": \"m\", \"value\": " + i + ", \"timestamp\": 1, \"step\": " + i + "}")
			.collect(Collectors.joining(","));
		var params = IntStream.range(0, 101)
			.mapToObj(i -> "{\"key\": \"p" + i + "\", \"value\": \"v\"}")
			.collect(Collectors.joining(","));

		var tooManyMetrics = member.post(API + "runs/log-batch",
				"{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "]}");
		var tooManyParams = member.post(API + "runs/log-batch",
				"{\"run_id\": \"" + runId + "\", \"params\": [" + params + "]}");
		var duplicateParams = member.post(API + "runs/log-batch", "{\"run_id\": \"" + runId
				+ "\", \"params\": [{\"key\": \"a\", \"value\": \"1\"}, {\"key\": \"a\", \"value\": \"1\"}]}");

		assertMlflowError(tooManyMetrics, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(tooManyMetrics)).contains("at most 1000 metrics").contains("Got 1001");
		assertMlflowError(tooManyParams, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(tooManyParams)).contains("at most 100 params");
		assertMlflowError(duplicateParams, 400, "INVALID_PARAMETER_VALUE");
		assertThat(member.get(API + "runs/get?run_id=" + runId).json().at("/run/data").has("metrics")).isFalse();
	}

	@Test
	void a_param_with_another_value_is_refused_and_the_batch_writes_nothing() {
		var runId = run(experiment("write-once"));
		member.post(API + "runs/log-parameter", "{\"run_id\": \"" + runId + "\", \"key\": \"lr\", \"value\": \"0.1\"}");

		var same = member.post(API + "runs/log-parameter",
				"{\"run_id\": \"" + runId + "\", \"key\": \"lr\", \"value\": \"0.1\"}");
		var other = member.post(API + "runs/log-batch", "{\"run_id\": \"" + runId
				+ "\", \"params\": [{\"key\": \"lr\", \"value\": \"0.2\"}],"
				+ " \"metrics\": [{\"key\": \"loss\", \"value\": 1, \"timestamp\": 1}],"
				+ " \"tags\": [{\"key\": \"t\", \"value\": \"v\"}]}");
		var data = member.get(API + "runs/get?run_id=" + runId).json().at("/run/data");

		assertThat(same.status()).isEqualTo(200);
		assertMlflowError(other, 400, "INVALID_PARAMETER_VALUE");
		assertThat(message(other)).contains("Changing param values is not allowed").contains("'0.1'").contains("'0.2'");
		assertThat(data.has("metrics")).isFalse();
		assertThat(data.get("tags").valueStream().map(t -> t.get("key").asString())).doesNotContain("t");
	}

	@Test
	void a_viewer_reads_but_gets_permission_denied_403_on_writes() {
		var experimentId = experiment("viewer");
		var viewer = new Http(port).bearer(acme.key(Role.VIEWER));

		var read = viewer.get(API + "experiments/get?experiment_id=" + experimentId);
		var write = viewer.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}");
		var registryWrite = viewer.post(API + "registered-models/create", "{\"name\": \"m\"}");

		assertThat(read.status()).isEqualTo(200);
		assertMlflowError(write, 403, "PERMISSION_DENIED");
		assertMlflowError(registryWrite, 403, "PERMISSION_DENIED");
	}

	@Test
	void a_request_without_credentials_is_unauthenticated_401_in_mlflow_format() {
		var response = new Http(port).get(API + "experiments/get?experiment_id=0");
		var wrongKey = new Http(port).bearer("rl_nothing_here").get(API + "experiments/get?experiment_id=0");

		assertMlflowError(response, 401, "UNAUTHENTICATED");
		assertMlflowError(wrongKey, 401, "UNAUTHENTICATED");
	}

	@Test
	void the_api_key_is_accepted_as_the_basic_password_as_mlflow_clients_send_it() {
		var basic = Base64.getEncoder()
			.encodeToString(("anyone:" + acme.key(Role.MEMBER)).getBytes(StandardCharsets.UTF_8));

		var response = new Http(port).with("Authorization", "Basic " + basic).get(API + "experiments/get?experiment_id=0");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void another_organisations_ids_do_not_exist_here() {
		var globex = tenants.create();
		var globexMember = new Http(port).bearer(globex.key(Role.MEMBER));
		var experimentId = globexMember.post(API + "experiments/create", "{\"name\": \"secret\"}").json()
			.get("experiment_id").asString();
		var runId = globexMember.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").json()
			.at("/run/info/run_id").asString();

		assertMlflowError(member.get(API + "runs/get?run_id=" + runId), 404, "RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.post(API + "runs/log-metric",
				"{\"run_id\": \"" + runId + "\", \"key\": \"x\", \"value\": 1, \"timestamp\": 1}"), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=x"), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "experiments/get?experiment_id=" + experimentId), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}"), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(member.get(API + "experiments/get-by-name?experiment_name=secret"), 404,
				"RESOURCE_DOES_NOT_EXIST");
		assertThat(runIds(member.get(API + "runs/search?experiment_ids=" + experimentId))).isEmpty();
		assertThat(member.get(API + "experiments/get?experiment_id=0").json().at("/experiment/experiment_id").asString())
			.isEqualTo("0");
	}

	@Test
	void unknown_endpoints_are_endpoint_not_found_404_and_wrong_methods_405() {
		assertMlflowError(member.get(API + "runs/teleport"), 404, "ENDPOINT_NOT_FOUND");
		assertMlflowError(member.post("/ajax-api/2.0/mlflow/nothing/here", "{}"), 404, "ENDPOINT_NOT_FOUND");
		var wrongMethod = member.get(API + "runs/create");
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.json().get("error_code").asString()).isEqualTo("BAD_REQUEST");
	}

	// ------------------------------------------------------------------------------------------------ features

	@Test
	void the_ajax_api_alias_serves_the_same_endpoints() {
		var name = "ajax-" + UUID.randomUUID();
		var created = member.post("/ajax-api/2.0/mlflow/experiments/create", "{\"name\": \"" + name + "\"}");
		var id = created.json().get("experiment_id").asString();

		var viaApi = member.get(API + "experiments/get?experiment_id=" + id);
		var viaAjax = member.get("/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name="
				+ URLEncoder.encode(name, StandardCharsets.UTF_8));

		assertThat(created.status()).isEqualTo(200);
		assertThat(viaApi.json().at("/experiment/name").asString()).isEqualTo(name);
		assertThat(viaAjax.json().at("/experiment/experiment_id").asString()).isEqualTo(id);
	}

	@Test
	void metric_history_is_paged_with_max_results_and_page_tokens() {
		var runId = run(experiment("history"));
		var metrics = IntStream.range(0, 10)
			.mapToObj(i -> "{\"key\": \"loss\", \"value\": " + (1.0 / (i + 1)) + ", \"timestamp\": " + (1000 + i)
					+ ", \"step\": " + i + "}")
			.collect(Collectors.joining(","));
		member.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "]}");

		var steps = new ArrayList<Long>();
		var pages = 0;
		String token = null;
		do {
			var page = member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=loss&max_results=3"
					+ (token == null ? "" : "&page_token=" + token)).json();
			page.get("metrics").valueStream().forEach(m -> steps.add(m.get("step").asLong()));
			token = page.has("next_page_token") ? page.get("next_page_token").asString() : null;
			pages++;
		}
		while (token != null);
		var all = member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=loss").json();

		assertThat(steps).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
		assertThat(pages).isEqualTo(4);
		assertThat(all.get("metrics")).hasSize(10);
		assertThat(all.has("next_page_token")).isFalse();
		assertThat(member.get(API + "metrics/get-history?run_id=" + runId + "&metric_key=nothing").body())
			.isEqualTo("{}");
	}

	@Test
	void bulk_interval_history_samples_steps_across_runs_keeping_each_runs_first_and_last() {
		var experimentId = experiment("bulk");
		var a = run(experimentId);
		var b = run(experimentId);
		logSteps(a, 0, 100);
		logSteps(b, 50, 60);

		var response = member.get(API + "metrics/get-history-bulk-interval?run_ids=" + a + "&run_ids=" + b
				+ "&metric_key=loss&max_results=10");
		var ranged = member.get(API + "metrics/get-history-bulk-interval?run_ids%5B%5D=" + a
				+ "&metric_key=loss&start_step=10&end_step=20&max_results=5");
		var halfRange = member.get(API + "metrics/get-history-bulk-interval?run_ids=" + a
				+ "&metric_key=loss&start_step=10");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var stepsOfA = steps(response.json(), a);
		var stepsOfB = steps(response.json(), b);
		assertThat(stepsOfA).contains(0L, 99L).hasSizeBetween(10, 14).isSorted();
		assertThat(stepsOfB).contains(50L, 59L);
		assertThat(steps(ranged.json(), a)).contains(10L, 20L).allMatch(s -> s >= 10 && s <= 20).hasSizeBetween(5, 7);
		assertMlflowError(halfRange, 400, "INVALID_PARAMETER_VALUE");
	}

	@Test
	void search_max_results_is_capped_at_fifty_thousand() {
		var experimentId = experiment("cap");
		run(experimentId);

		var atLimit = member.post(API + "runs/search",
				"{\"experiment_ids\": [\"" + experimentId + "\"], \"max_results\": 50000}");
		var overLimit = member.post(API + "runs/search",
				"{\"experiment_ids\": [\"" + experimentId + "\"], \"max_results\": 50001}");
		var zero = member.post(API + "runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"], \"max_results\": 0}");

		assertThat(runIds(atLimit)).hasSize(1);
		assertMlflowError(overLimit, 400, "INVALID_PARAMETER_VALUE");
		assertMlflowError(zero, 400, "INVALID_PARAMETER_VALUE");
	}

	@Test
	void concurrent_first_uses_of_experiment_zero_make_one_default_experiment() throws Exception {
		var fresh = tenants.create();
		var http = new Http(port).bearer(fresh.key(Role.MEMBER));
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			var futures = new ArrayList<java.util.concurrent.Future<Http.Response>>();
			for (int i = 0; i < 8; i++) {
				futures.add(pool.submit(() -> http.post(API + "runs/create", "{\"experiment_id\": \"0\"}")));
			}
			for (var future : futures) {
				var response = future.get();
				assertThat(response.status()).as(response.toString()).isEqualTo(200);
				assertThat(response.json().at("/run/info/experiment_id").asString()).isEqualTo("0");
			}
		}
		finally {
			pool.shutdown();
		}
		var projects = http.get("/api/v1/projects?limit=100").json().get("items");
		var runsOfZero = http.post(API + "runs/search", "{\"experiment_ids\": [\"0\"]}");

		assertThat(projects.valueStream().filter(p -> p.get("name").asString().equals("Default"))).hasSize(1);
		assertThat(runIds(runsOfZero)).hasSize(8);
	}

	@Test
	void the_ui_bulk_history_returns_several_runs_points_in_run_id_order() {
		var experimentId = experiment("ui-bulk");
		var a = run(experimentId);
		var b = run(experimentId);
		logSteps(a, 0, 3);
		logSteps(b, 0, 2);

		var response = member.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?run_id=" + a + "&run_id=" + b
				+ "&metric_key=loss");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var ordered = a.compareTo(b) < 0 ? List.of(a, a, a, b, b) : List.of(b, b, a, a, a);
		assertThat(response.json().get("metrics").valueStream().map(m -> m.get("run_id").asString()))
			.containsExactlyElementsOf(ordered);
	}

	@Test
	void the_default_experiment_zero_exists_per_organisation_and_native_projects_appear_as_experiments() {
		var zero = member.get(API + "experiments/get?experiment_id=0").json().get("experiment");
		var created = member.post(API + "runs/create", "{}").json().at("/run/info/experiment_id").asString();
		var search = member.post(API + "experiments/search", "{\"max_results\": 100}").json();

		assertMlflowError(member.post(API + "experiments/delete", "{\"experiment_id\": \"0\"}"), 400,
				"INVALID_PARAMETER_VALUE");
		assertThat(zero.get("name").asString()).isEqualTo("Default");
		assertThat(zero.get("artifact_location").asString()).isEqualTo("mlflow-artifacts:/0");
		assertThat(created).isEqualTo("0");
		assertThat(search.get("experiments").valueStream().map(e -> e.get("name").asString()))
			.contains("Default", acme.project().name());
		assertThat(search.get("experiments").valueStream().map(e -> e.get("experiment_id").asString()))
			.contains("0", acme.project().id().toString());
	}

	@Test
	void experiments_are_searched_with_filters_order_and_pages() {
		var prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
		for (var name : List.of("b", "a", "c")) {
			var id = experiment(prefix + "-" + name);
			member.post(API + "experiments/set-experiment-tag", "{\"experiment_id\": \"" + id
					+ "\", \"key\": \"team\", \"value\": \"" + (name.equals("c") ? "ops" : "ml") + "\"}");
		}

		var byName = member.post(API + "experiments/search", "{\"filter\": \"name LIKE '" + prefix
				+ "%' AND tags.team = 'ml'\", \"order_by\": [\"name DESC\"]}").json();
		var first = member.get(API + "experiments/search?filter=" + URLEncoder.encode("name ILIKE '" + prefix.toUpperCase()
				+ "%'", StandardCharsets.UTF_8) + "&order_by=name&max_results=2").json();
		var second = member.get(API + "experiments/search?filter=" + URLEncoder.encode("name ILIKE '" + prefix.toUpperCase()
				+ "%'", StandardCharsets.UTF_8) + "&order_by=name&max_results=2&page_token="
				+ URLEncoder.encode(first.get("next_page_token").asString(), StandardCharsets.UTF_8)).json();

		assertThat(names(byName)).containsExactly(prefix + "-b", prefix + "-a");
		assertThat(names(first)).containsExactly(prefix + "-a", prefix + "-b");
		assertThat(names(second)).containsExactly(prefix + "-c");
		assertThat(second.has("next_page_token")).isFalse();
	}

	@Test
	void runs_are_searched_across_experiments_with_mlflow_filters_and_pages_without_gaps() {
		var first = experiment("x1");
		var second = experiment("x2");
		var all = new ArrayList<String>();
		for (int i = 0; i < 7; i++) {
			var runId = run(i % 2 == 0 ? first : second);
			member.post(API + "runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"acc\", \"value\": "
					+ (i / 10.0) + ", \"timestamp\": 1}");
			member.post(API + "runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"mlflow.user\", \"value\": \""
					+ (i < 3 ? "ann" : "bob") + "\"}");
			all.add(runId);
		}
		member.post(API + "runs/update", "{\"run_id\": \"" + all.get(6) + "\", \"status\": \"KILLED\"}");
		member.post(API + "runs/delete", "{\"run_id\": \"" + all.get(5) + "\"}");

		var seen = new ArrayList<String>();
		String token = null;
		do {
			var page = member.post(API + "runs/search", "{\"experiment_ids\": [\"" + first + "\", \"" + second
					+ "\"], \"order_by\": [\"metrics.acc DESC\"], \"max_results\": 2"
					+ (token == null ? "" : ", \"page_token\": \"" + token + "\"") + "}").json();
			seen.addAll(runIds(page));
			token = page.has("next_page_token") ? page.get("next_page_token").asString() : null;
		}
		while (token != null);
		var filtered = member.post(API + "runs/search", "{\"experiment_ids\": [\"" + first + "\", \"" + second
				+ "\"], \"filter\": \"tags.`mlflow.user` = 'bob' and attribute.status != 'KILLED'\"}").json();
		var deleted = member.post(API + "runs/search", "{\"experiment_ids\": [\"" + first + "\", \"" + second
				+ "\"], \"run_view_type\": \"DELETED_ONLY\"}").json();
		var byName = member.post(API + "runs/search", "{\"experiment_ids\": [\"" + first + "\"], \"filter\": "
				+ "\"attributes.run_name = '" + runName(all.get(0)) + "'\"}").json();

		assertThat(seen).containsExactly(all.get(6), all.get(4), all.get(3), all.get(2), all.get(1), all.get(0));
		assertThat(runIds(filtered)).containsExactlyInAnyOrder(all.get(3), all.get(4));
		assertThat(runIds(deleted)).containsExactly(all.get(5));
		assertThat(deleted.at("/runs/0/info/lifecycle_stage").asString()).isEqualTo("deleted");
		assertThat(runIds(byName)).containsExactly(all.get(0));
	}

	@Test
	void run_status_updates_follow_mlflow_including_changes_between_ended_statuses() {
		long start = System.currentTimeMillis() - 60_000;
		var runId = member.post(API + "runs/create", "{\"experiment_id\": \"" + experiment("status") + "\", "
				+ "\"start_time\": " + start + "}").json().at("/run/info/run_id").asString();
		long end = start + 1_000;

		var finished = member.post(API + "runs/update",
				"{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": " + end + "}");
		var failed = member.post(API + "runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FAILED\"}");
		var renamed = member.post(API + "runs/update", "{\"run_id\": \"" + runId + "\", \"run_name\": \"renamed\"}");
		var info = member.get(API + "runs/get?run_id=" + runId).json().at("/run/info");

		assertThat(finished.json().at("/run_info/status").asString()).isEqualTo("FINISHED");
		assertThat(finished.json().at("/run_info/end_time").asLong()).isEqualTo(end);
		assertThat(failed.json().at("/run_info/status").asString()).isEqualTo("FAILED");
		assertThat(failed.json().at("/run_info/end_time").asLong()).isEqualTo(end);
		assertThat(renamed.json().at("/run_info/run_name").asString()).isEqualTo("renamed");
		assertThat(info.get("run_name").asString()).isEqualTo("renamed");
	}

	@Test
	void deleting_an_experiment_deletes_its_runs_and_restoring_brings_back_only_those() {
		var experimentId = experiment("cascade");
		var kept = run(experimentId);
		var deletedBefore = run(experimentId);
		member.post(API + "runs/delete", "{\"run_id\": \"" + deletedBefore + "\"}");

		member.post(API + "experiments/delete", "{\"experiment_id\": \"" + experimentId + "\"}");
		var whileDeleted = member.get(API + "runs/get?run_id=" + kept).json();
		var newRun = member.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}");
		member.post(API + "experiments/restore", "{\"experiment_id\": \"" + experimentId + "\"}");

		assertThat(whileDeleted.at("/run/info/lifecycle_stage").asString()).isEqualTo("deleted");
		assertMlflowError(newRun, 400, "INVALID_PARAMETER_VALUE");
		assertThat(member.get(API + "runs/get?run_id=" + kept).json().at("/run/info/lifecycle_stage").asString())
			.isEqualTo("active");
		assertThat(member.get(API + "runs/get?run_id=" + deletedBefore).json().at("/run/info/lifecycle_stage")
			.asString()).isEqualTo("deleted");
	}

	@Test
	void tags_overwrite_and_deleting_a_missing_tag_is_resource_does_not_exist() {
		var runId = run(experiment("tags"));
		member.post(API + "runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"env\", \"value\": \"dev\"}");
		member.post(API + "runs/set-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"env\", \"value\": \"prod\"}");
		member.post(API + "runs/set-tag",
				"{\"run_id\": \"" + runId + "\", \"key\": \"mlflow.runName\", \"value\": \"via-tag\"}");

		var run = member.get(API + "runs/get?run_id=" + runId).json().get("run");
		var deleted = member.post(API + "runs/delete-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"env\"}");
		var again = member.post(API + "runs/delete-tag", "{\"run_id\": \"" + runId + "\", \"key\": \"env\"}");

		assertThat(tag(run, "env")).isEqualTo("prod");
		assertThat(run.at("/info/run_name").asString()).isEqualTo("via-tag");
		assertThat(deleted.status()).isEqualTo(200);
		assertMlflowError(again, 404, "RESOURCE_DOES_NOT_EXIST");
	}

	@Test
	void dataset_inputs_are_logged_once_and_returned_with_the_run() {
		var runId = run(experiment("inputs"));
		var body = """
				{"run_id": "%s", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
				  "dataset": {"name": "iris", "digest": "abc123", "source_type": "local", "source": "{}"}}]}"""
			.formatted(runId);

		var first = member.post(API + "runs/log-inputs", body);
		var second = member.post(API + "runs/log-inputs", body);
		var inputs = member.get(API + "runs/get?run_id=" + runId).json().at("/run/inputs/dataset_inputs");

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(inputs).hasSize(1);
		assertThat(inputs.at("/0/dataset/name").asString()).isEqualTo("iris");
		assertThat(inputs.at("/0/tags/0/value").asString()).isEqualTo("training");
	}

	@Test
	void registry_names_are_unique_per_organisation_and_errors_are_mlflows() {
		var name = "model-" + UUID.randomUUID();
		member.post(API + "registered-models/create", "{\"name\": \"" + name + "\"}");

		var duplicate = member.post(API + "registered-models/create", "{\"name\": \"" + name + "\"}");
		var otherOrg = new Http(port).bearer(tenants.create().key(Role.MEMBER))
			.post(API + "registered-models/create", "{\"name\": \"" + name + "\"}");
		var missingVersion = member.get(API + "model-versions/get?name=" + name + "&version=7");
		var badVersion = member.get(API + "model-versions/get?name=" + name + "&version=seven");
		var reservedAlias = member.post(API + "registered-models/alias",
				"{\"name\": \"" + name + "\", \"alias\": \"latest\", \"version\": \"1\"}");
		var localSource = member.post(API + "model-versions/create",
				"{\"name\": \"" + name + "\", \"source\": \"/etc/passwd\"}");
		var deleted = member.send("DELETE", API + "registered-models/delete", "{\"name\": \"" + name + "\"}");

		assertMlflowError(duplicate, 400, "RESOURCE_ALREADY_EXISTS");
		assertThat(otherOrg.status()).isEqualTo(200);
		assertMlflowError(missingVersion, 404, "RESOURCE_DOES_NOT_EXIST");
		assertMlflowError(badVersion, 400, "INVALID_PARAMETER_VALUE");
		assertMlflowError(reservedAlias, 400, "INVALID_PARAMETER_VALUE");
		assertMlflowError(localSource, 400, "INVALID_PARAMETER_VALUE");
		assertThat(deleted.status()).isEqualTo(200);
		assertMlflowError(member.get(API + "registered-models/get?name=" + name), 404, "RESOURCE_DOES_NOT_EXIST");
	}

	@Test
	void registered_models_are_searched_updated_renamed_and_tagged() {
		var prefix = "rm" + UUID.randomUUID().toString().substring(0, 8);
		member.post(API + "registered-models/create", "{\"name\": \"" + prefix + "-b\", \"tags\": [{\"key\": \"team\","
				+ " \"value\": \"ml\"}]}");
		member.post(API + "registered-models/create", "{\"name\": \"" + prefix + "-a\"}");
		member.patch(API + "registered-models/update", "{\"name\": \"" + prefix + "-a\", \"description\": \"first\"}");
		var renamed = member.post(API + "registered-models/rename",
				"{\"name\": \"" + prefix + "-a\", \"new_name\": \"" + prefix + "-c\"}");
		member.post(API + "registered-models/set-tag",
				"{\"name\": \"" + prefix + "-c\", \"key\": \"team\", \"value\": \"ops\"}");

		var all = member.get(API + "registered-models/search?filter="
				+ URLEncoder.encode("name LIKE '" + prefix + "%'", StandardCharsets.UTF_8)).json();
		var ml = member.get(API + "registered-models/search?filter="
				+ URLEncoder.encode("name LIKE '" + prefix + "%' and tags.team = 'ml'", StandardCharsets.UTF_8)).json();

		assertThat(renamed.json().at("/registered_model/name").asString()).isEqualTo(prefix + "-c");
		assertThat(renamed.json().at("/registered_model/description").asString()).isEqualTo("first");
		assertThat(all.get("registered_models").valueStream().map(m -> m.get("name").asString()))
			.containsExactly(prefix + "-b", prefix + "-c");
		assertThat(ml.get("registered_models").valueStream().map(m -> m.get("name").asString()))
			.containsExactly(prefix + "-b");
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private String experiment(String name) {
		var response = member.post(API + "experiments/create",
				"{\"name\": \"" + name + (name.contains("-") ? "" : "-" + UUID.randomUUID()) + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("experiment_id").asString();
	}

	private String run(String experimentId) {
		var response = member.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().at("/run/info/run_id").asString();
	}

	private String runName(String runId) {
		return member.get(API + "runs/get?run_id=" + runId).json().at("/run/info/run_name").asString();
	}

	private void logSteps(String runId, int from, int to) {
		var metrics = IntStream.range(from, to)
			.mapToObj(i -> "{\"key\": \"loss\", \"value\": " + i + ", \"timestamp\": " + (1000 + i) + ", \"step\": " + i
					+ "}")
			.collect(Collectors.joining(","));
		var response = member.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics
				+ "]}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	private static List<Long> steps(JsonNode bulk, String runId) {
		return bulk.get("metrics")
			.valueStream()
			.filter(m -> m.get("run_id").asString().equals(runId))
			.map(m -> m.get("step").asLong())
			.toList();
	}

	private static List<String> runIds(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return runIds(response.json());
	}

	private static List<String> runIds(JsonNode page) {
		return page.has("runs") ? page.get("runs").valueStream().map(r -> r.at("/info/run_id").asString()).toList()
				: List.of();
	}

	private static List<String> names(JsonNode page) {
		return page.has("experiments")
				? page.get("experiments").valueStream().map(e -> e.get("name").asString()).toList() : List.of();
	}

	private static String tag(JsonNode run, String key) {
		return run.at("/data/tags")
			.valueStream()
			.filter(t -> t.get("key").asString().equals(key))
			.map(t -> t.get("value").asString())
			.findFirst()
			.orElse(null);
	}

	private static String message(Http.Response response) {
		return response.json().get("message").asString();
	}

	private static void assertMlflowError(Http.Response response, int status, String errorCode) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json().get("error_code").asString()).as(response.toString()).isEqualTo(errorCode);
		assertThat(response.json().get("message").asString()).isNotBlank();
	}
}
