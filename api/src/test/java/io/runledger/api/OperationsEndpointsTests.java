package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@IntegrationTest
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void readiness_checks_postgres_redis_and_object_storage() {
		var response = new Http(port).get("/actuator/health/readiness");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var components = response.json().get("components");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("objectStore").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheus_metrics_are_exposed() {
		new Http(port).get("/actuator/health");
		var response = new Http(port).get("/actuator/prometheus");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
	}

	@Test
	void the_openapi_document_lists_every_native_endpoint() {
		var document = new Http(port).get("/v3/api-docs").json();
		var documented = new HashSet<String>();
		document.get("paths").propertyNames().forEach(documented::add);
		var served = new HashSet<String>();
		mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
			.filter(path -> path.startsWith("/api/v1/"))
			.forEach(served::add));

		assertThat(served).isNotEmpty();
		assertThat(documented).containsAll(served);
		assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
	}
}
