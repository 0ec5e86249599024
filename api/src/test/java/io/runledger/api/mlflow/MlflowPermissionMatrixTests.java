package io.runledger.api.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.auth.Requires;
import io.runledger.tenancy.Role;

/**
 * Every MLflow route × every role (the MLflow API is not in the native OpenAPI document, so the platform's permission
 * matrix does not see it): a role below the route's permission gets PERMISSION_DENIED, a role at or above it never
 * does, and no route answers 401 to a valid key or fails with a server error.
 */
@IntegrationTest
class MlflowPermissionMatrixTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Route(String method, String path, Role minimum) {
	}

	@Test
	void every_mlflow_route_allows_exactly_the_roles_its_permission_names() {
		var acme = tenants.create();
		var routes = mlflowRoutes();
		assertThat(routes).hasSizeGreaterThan(90);
		var failures = new ArrayList<String>();
		for (var route : routes) {
			var path = route.path().replace("{*path}", "0/x/artifacts/f.txt").replace("{action}", "create");
			for (var role : Role.values()) {
				var response = new Http(port).bearer(acme.key(role))
					.send(route.method(), path, route.method().equals("GET") ? null : "{}");
				boolean allowed = role.includes(route.minimum());
				int status = response.status();
				if (!allowed && (status != 403 || !response.body().contains("PERMISSION_DENIED"))) {
					failures.add(route + " as " + role + " answered " + response + ", expected PERMISSION_DENIED");
				}
				if (allowed && (status == 403 || status == 401)) {
					failures.add(route + " as " + role + " answered " + status + ", expected to be let through");
				}
				if (status >= 500 && status != 501) {
					failures.add(route + " as " + role + " answered " + response);
				}
				if (!response.contentType().startsWith("application/json")) {
					failures.add(route + " as " + role + " answered " + response.contentType());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void a_viewer_level_route_that_is_not_a_get_only_reads() {
		for (var route : mlflowRoutes()) {
			if (!route.method().equals("GET") && route.minimum() == Role.VIEWER) {
				assertThat(route.path()).matches(".*/(experiments/search|runs/search|registered-models/get-latest-versions)");
			}
		}
	}

	private List<Route> mlflowRoutes() {
		var routes = new ArrayList<Route>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().equals("io.runledger.api.mlflow")) {
				return;
			}
			var requires = handler.getMethodAnnotation(Requires.class);
			assertThat(requires).as(handler.toString()).isNotNull();
			for (var pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					routes.add(new Route(method.name(), pattern, requires.value().minimumRole()));
				}
			}
		});
		return routes;
	}
}
