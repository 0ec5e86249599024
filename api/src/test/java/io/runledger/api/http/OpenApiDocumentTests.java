package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The native OpenAPI document is what the front end's client is generated from, so it must describe the API as a
 * client sees it; its committed copy, {@code web-frontend/openapi/runledger.json}, makes every contract change visible
 * in review. Run with {@code -Drunledger.openapi.write=true} to rewrite the copy after a deliberate change.
 */
@IntegrationTest
class OpenApiDocumentTests {

	static final Path COMMITTED = Path.of("..", "web-frontend", "openapi", "runledger.json");

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	JsonNode document;

	@BeforeEach
	void fetch() {
		var answer = new Http(port).get("/v3/api-docs");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		document = answer.json();
	}

	@Test
	void noOperationTakesTheResolvedCallerAsAParameter() {
		forEachOperation(document, (where, operation) -> {
			for (var parameter : operation.path("parameters")) {
				assertThat(parameter.path("name").asString()).as(where).isNotIn("caller", "person");
			}
		});
		assertThat(document.path("components").path("schemas").has("CallerIdentity")).isFalse();
		assertThat(document.path("components").path("schemas").has("Person")).isFalse();
	}

	@Test
	void everyOperationDocumentsItsErrorsAsProblemJson() {
		var problem400 = document.at("/components/responses/Problem400/content/application~1problem+json/schema/$ref");
		assertThat(problem400.asString()).isEqualTo("#/components/schemas/Problem");
		assertThat(document.at("/components/schemas/Problem/properties").has("detail")).isTrue();
		forEachOperation(document, (where, operation) -> {
			var responses = operation.path("responses");
			assertThat(responses.path("400").path("$ref").asString()).as(where)
				.isEqualTo("#/components/responses/Problem400");
			assertThat(responses.path("429").path("$ref").asString()).as(where)
				.isEqualTo("#/components/responses/Problem429");
			if (!where.contains("/api/v1/shared/") && !where.endsWith("/stripe/webhook")) {
				assertThat(responses.has("401") && responses.has("403")).as(where).isTrue();
			}
			if (where.contains("{")) {
				assertThat(responses.has("404")).as(where).isTrue();
			}
		});
	}

	@Test
	void noContentTypeIsAWildcard() {
		var types = new ArrayList<String>();
		collectContentTypes(document, types);
		assertThat(types).isNotEmpty().doesNotContain("*/*");
		assertThat(types).contains("application/json", "application/problem+json", "application/octet-stream");
	}

	@Test
	void operationIdsAreUniqueAndReadable() {
		var ids = new HashSet<String>();
		forEachOperation(document, (where, operation) -> {
			var id = operation.path("operationId").asString();
			assertThat(id).as(where).matches("[a-z][A-Za-z]+");
			assertThat(ids.add(id)).as("operationId %s of %s is not unique", id, where).isTrue();
		});
		assertThat(ids).contains("runsCreate", "projectsList", "metricsIngest");
	}

	@Test
	void createsAnswer201AndTakeAnIdempotencyKey() {
		var create = document.at("/paths/~1api~1v1~1projects~1{projectId}~1runs/post");
		assertThat(create.at("/responses/201/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/RunView");
		assertThat(create.path("responses").has("200")).isFalse();
		assertThat(create.at("/responses/422/$ref").asString()).isEqualTo("#/components/responses/Problem422");
		assertThat(create.path("parameters").findValuesAsString("name")).contains("Idempotency-Key");
		var query = document.at("/paths/~1api~1v1~1series~1query/post");
		assertThat(query.path("responses").has("422")).isFalse();
	}

	@Test
	void metricIngestDocumentsTheColumnarBatch() {
		var body = document.at("/paths/~1api~1v1~1runs~1{runId}~1metrics/post/requestBody/content/application~1json");
		assertThat(body.at("/schema/$ref").asString()).isEqualTo("#/components/schemas/MetricBatch");
		var series = document.at("/components/schemas/MetricBatchSeries");
		assertThat(series.path("properties").has("steps")).isTrue();
		assertThat(series.path("properties").has("values")).isTrue();
		assertThat(series.path("required").toString()).contains("key", "steps", "values");
	}

	@Test
	void artifactFilesGoUpAndComeDownAsOctetStreams() {
		var file = document.at("/paths/~1api~1v1~1artifacts~1{artifactId}~1versions~1{version}~1file");
		assertThat(file.at("/put/requestBody/content").propertyNames()).containsExactly("application/octet-stream");
		assertThat(file.at("/put/requestBody/required").asBoolean()).isTrue();
		assertThat(file.at("/get/responses/200/content").propertyNames()).containsExactly("application/octet-stream");
		var draft = document.at("/paths/~1api~1v1~1projects~1{projectId}~1artifacts/post/requestBody/content");
		assertThat(draft.at("/application~1json/schema/$ref").asString()).isEqualTo("#/components/schemas/CreateVersion");
	}

	@Test
	void anInvoiceLinesUsageIsDocumentedAsItsHourlyRollupsNotAsAUsageSeries() {
		for (var path : new String[] { "/paths/~1api~1v1~1billing~1draft~1lines~1{lineNumber}~1usage/get",
				"/paths/~1api~1v1~1billing~1invoices~1{invoiceId}~1lines~1{lineNumber}~1usage/get" }) {
			var schema = document.at(path + "/responses/200/content/application~1json/schema/$ref").asString();
			assertThat(schema).as(path).isEqualTo("#/components/schemas/LineUsageView");
		}
		assertThat(document.at("/components/schemas/LineUsageView/properties").has("hours")).isTrue();
		assertThat(document.at("/components/schemas/UsageView/properties").has("buckets")).isTrue();
	}

	@Test
	void aSharedReportsDataIsDocumentedAsTheRenderedReport() {
		var data = document.at("/paths/~1api~1v1~1shared~1reports~1{token}~1data/get/responses/200/content");
		assertThat(data.at("/application~1json/schema/$ref").asString()).isEqualTo("#/components/schemas/RenderedReport");
	}

	@Test
	void mlflowRoutesHaveTheirOwnDocument() {
		assertThat(document.path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));
		var answer = new Http(port).get("/v3/api-docs/mlflow");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		var mlflow = answer.json();
		assertThat(mlflow.path("paths").propertyNames()).contains("/api/2.0/mlflow/runs/create",
				"/api/2.0/mlflow/runs/log-batch", "/api/2.0/mlflow-artifacts/artifacts/{path}")
			.allMatch(path -> path.startsWith("/api/2.0/"));
		assertThat(mlflow.at("/components/responses/MlflowError404/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/MlflowError");
		var ids = new HashSet<String>();
		forEachOperation(mlflow, (where, operation) -> {
			assertThat(ids.add(operation.path("operationId").asString())).as(where).isTrue();
			assertThat(operation.at("/responses/400/$ref").asString()).as(where)
				.isEqualTo("#/components/responses/MlflowError400");
		});
	}

	@Test
	void theCommittedCopyMatchesTheLiveDocument() throws IOException {
		if (Boolean.getBoolean("runledger.openapi.write")) {
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, JSON.writeValueAsString(document) + "\n");
		}
		assertThat(COMMITTED).as("the committed OpenAPI document").exists();
		var committed = JSON.readTree(Files.readString(COMMITTED));
		var difference = firstDifference("", committed, document);
		if (difference != null) {
			fail("web-frontend/openapi/runledger.json differs from the live /v3/api-docs at " + difference
					+ ". If the API change is intended, regenerate the copy and commit it with the change: "
					+ "RUNLEDGER_TEST_DB=... mvn -pl api -am test -Dtest=OpenApiDocumentTests "
					+ "-Dsurefire.failIfNoSpecifiedTests=false -Drunledger.openapi.write=true");
		}
	}

	/** A JSON pointer to the first place where the two documents differ, or null. */
	static String firstDifference(String at, JsonNode expected, JsonNode actual) {
		if (expected.isObject() && actual.isObject()) {
			var names = new java.util.TreeSet<String>(expected.propertyNames());
			names.addAll(actual.propertyNames());
			for (var name : names) {
				var where = at + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!expected.has(name) || !actual.has(name)) {
					return where + (expected.has(name) ? " (gone from the live document)" : " (new in the live document)");
				}
				var inner = firstDifference(where, expected.get(name), actual.get(name));
				if (inner != null) {
					return inner;
				}
			}
			return null;
		}
		if (expected.isArray() && actual.isArray()) {
			for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
				if (i >= expected.size() || i >= actual.size()) {
					return at + "/" + i + " (arrays differ in length)";
				}
				var inner = firstDifference(at + "/" + i, expected.get(i), actual.get(i));
				if (inner != null) {
					return inner;
				}
			}
			return null;
		}
		return expected.equals(actual) ? null : (at.isEmpty() ? "/" : at) + " (" + expected + " → " + actual + ")";
	}

	static void forEachOperation(JsonNode document, BiConsumer<String, JsonNode> check) {
		var methods = List.of("get", "put", "post", "delete", "patch", "head", "options");
		assertThat(document.path("paths").size()).isPositive();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (var method : methods) {
				if (path.getValue().has(method)) {
					check.accept(method.toUpperCase() + " " + path.getKey(), path.getValue().get(method));
				}
			}
		}
	}

	static void collectContentTypes(JsonNode node, List<String> types) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getKey().equals("content") && field.getValue().isObject()) {
					types.addAll(field.getValue().propertyNames());
				}
				collectContentTypes(field.getValue(), types);
			}
		}
		else if (node.isArray()) {
			node.forEach(child -> collectContentTypes(child, types));
		}
	}
}
