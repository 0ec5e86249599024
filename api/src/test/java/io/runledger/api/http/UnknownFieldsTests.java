package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.auth.SignedInPerson;
import io.runledger.tenancy.Role;

/** A field the native API does not know is a 400 naming it, never silently dropped; MLflow stays lenient. */
@IntegrationTest
class UnknownFieldsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void anArtifactDraftWithAFieldWeDoNotKnowIsRefusedNamingIt() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var answer = http.post("/api/v1/projects/" + tenant.project().id() + "/artifacts",
				"{\"name\": \"model\", \"type\": \"model\", \"producedBy\": \"" + UUID.randomUUID() + "\"}");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().path("detail").asString()).contains("unknown field 'producedBy'")
			.contains("runId");
	}

	@Test
	void aNestedUnknownFieldIsNamedWithItsPath() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var answer = http.post("/api/v1/series/query", "{\"runIds\": [], \"keys\": [\"loss\"], \"smooth\": 0.5}");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().path("detail").asString()).contains("unknown field 'smooth'");
	}

	/** Every native route whose body binds to a declared type, with a body of only an unknown field. */
	@Test
	void everyNativeJsonBodyRouteRefusesAnUnknownField() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.OWNER));
		var swept = new ArrayList<String>();
		var failures = new ArrayList<String>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (handler.getBeanType().getPackageName().endsWith(".mlflow")
					|| handler.hasMethodAnnotation(SignedInPerson.class)) {
				return; // MLflow is lenient on purpose; sign-up needs an SSO person (its body is bound the same way)
			}
			boolean bindsARecord = false;
			for (var parameter : handler.getMethodParameters()) {
				bindsARecord |= parameter.hasParameterAnnotation(RequestBody.class)
						&& parameter.getParameterType().isRecord();
			}
			if (!bindsARecord || info.getPathPatternsCondition() == null) {
				return;
			}
			for (var pattern : info.getPathPatternsCondition().getPatternValues()) {
				var path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				for (var method : info.getMethodsCondition().getMethods()) {
					var route = method + " " + pattern;
					swept.add(route);
					var answer = http.send(method.name(), path, "{\"surelyNotAField\": 1}");
					if (answer.status() != 400 || !answer.json().path("detail").asString()
						.contains("unknown field 'surelyNotAField'")) {
						failures.add(route + " answered " + answer);
					}
				}
			}
		});
		assertThat(swept).hasSizeGreaterThan(20).contains("POST /api/v1/projects/{projectId}/runs",
				"POST /api/v1/projects/{projectId}/artifacts", "POST /api/v1/budgets");
		assertThat(failures).isEmpty();
	}

	@Test
	void mlflowStillIgnoresFieldsItDoesNotUse() {
		var tenant = tenants.create();
		var http = new Http(port).bearer(tenant.key(Role.MEMBER));
		var answer = http.post("/api/2.0/mlflow/experiments/create",
				"{\"name\": \"e-" + UUID.randomUUID() + "\", \"someFutureField\": true}");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().path("experiment_id").asString()).isNotEmpty();
	}
}
