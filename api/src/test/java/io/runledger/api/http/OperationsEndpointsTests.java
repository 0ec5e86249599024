package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Health, readiness and metrics: anyone learns whether the instance is UP; which service is down, and the metrics,
 * need the management credential ({@code runledger.management.token}, set in the test profile).
 */
@IntegrationTest
class OperationsEndpointsTests {

	static final String MANAGEMENT_TOKEN = "test-management-token";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void readiness_checks_postgres_redis_and_object_storage() {
		var response = new Http(port).bearer(MANAGEMENT_TOKEN).get("/actuator/health/readiness");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		var components = response.json().get("components");
		assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("objectStore").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheus_metrics_are_exposed_to_the_management_credential() {
		new Http(port).get("/actuator/health");
		var response = new Http(port).bearer(MANAGEMENT_TOKEN).get("/actuator/prometheus");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
	}

	@Test
	void without_the_management_credential_health_and_readiness_say_up_or_down_and_nothing_else() {
		for (var path : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness" }) {
			var response = new Http(port).get(path);

			assertThat(response.status()).as(path).isIn(200, 503);
			assertThat(response.json().propertyNames()).as(path).contains("status").doesNotContain("components", "details");
			assertThat(response.json().get("status").asString()).as(path).isIn("UP", "DOWN");
		}
	}

	@Test
	void metrics_and_health_details_are_refused_to_anonymous_callers_and_to_tenants() {
		var owner = new Http(port).bearer(tenants.create().key(Role.OWNER));

		assertThat(new Http(port).get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(new Http(port).get("/actuator/health/db").status()).isEqualTo(401);
		assertThat(owner.get("/actuator/prometheus").status()).isEqualTo(403);
		assertThat(owner.get("/actuator/health").json().propertyNames()).doesNotContain("components", "details");
		assertThat(new Http(port).bearer("wrong-management-token").get("/actuator/prometheus").status())
			.isEqualTo(401);
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
