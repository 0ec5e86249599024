package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.runledger.auth.Requires;
import io.runledger.tenancy.Role;

/**
 * Every route of the OpenAPI document × every role: a role below the route's declared permission gets 403, a role
 * at or above it never does; and ids of another tenant in the path never answer 2xx, whatever the role.
 */
@IntegrationTest
class PermissionMatrixTests {

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
	void every_documented_route_allows_exactly_the_roles_its_permission_names() {
		var acme = tenants.create();
		var globex = tenants.create();
		var globexRun = new Http(port).bearer(globex.key(Role.MEMBER))
			.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}")
			.json()
			.get("id")
			.asString();
		var routes = documentedRoutes();
		assertThat(routes).hasSizeGreaterThan(20);
		var failures = new ArrayList<String>();
		for (var route : routes) {
			var path = route.path()
				.replace("{projectId}", globex.project().id().toString())
				.replace("{runId}", globexRun)
				.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			for (var role : Role.values()) {
				var response = new Http(port).bearer(acme.key(role))
					.send(route.method(), path, route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}");
				boolean allowed = role.includes(route.minimum());
				int status = response.status();
				if (!allowed && status != 403) {
					failures.add(route + " as " + role + " answered " + status + ", expected 403");
				}
				if (allowed && (status == 403 || status == 401)) {
					failures.add(route + " as " + role + " answered " + status + ", expected to be let through");
				}
				if (allowed && route.path().contains("{") && status >= 200 && status < 300) {
					failures.add(route + " as " + role + " with another tenant's ids answered " + status);
				}
				if (status >= 500) {
					failures.add(route + " as " + role + " answered " + status + ": " + response.body());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * Share-link reads declare no permission (the token is the credential, see ShareLinkAccess), so the matrix above
	 * skips them; instead, every role and no credential at all get a 404 for a token that does not exist.
	 */
	@Test
	void share_link_routes_answer_404_to_every_caller_for_a_token_that_does_not_exist() {
		var acme = tenants.create();
		var routes = new ArrayList<String>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (handler.hasMethodAnnotation(io.runledger.api.http.ShareLinkAccess.class)) {
				routes.addAll(info.getPatternValues());
			}
		});
		assertThat(routes).isNotEmpty();
		var failures = new ArrayList<String>();
		for (var route : routes) {
			for (var token : List.of("rls_" + UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString())) {
				var path = route.replace("{token}", token).replaceAll("\\{[^}]+}", "block")
						+ (route.endsWith("/file") ? "?path=model.txt" : "");
				var callers = new ArrayList<Http>(List.of(new Http(port)));
				for (var role : Role.values()) {
					callers.add(new Http(port).bearer(acme.key(role)));
				}
				for (var caller : callers) {
					int status = caller.get(path).status();
					if (status != 404) {
						failures.add("GET " + path + " answered " + status + ", expected 404");
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void a_viewer_can_never_write_tracking_data_or_administer() {
		for (var route : documentedRoutes()) {
			if (!route.method().equals("GET") && route.minimum() == Role.VIEWER) {
				assertThat(route.path()).as("a VIEWER-level route that is not GET must be a read or a comment")
					.matches(".*(search|query|comments|get-history-bulk-interval|search.*).*");
			}
		}
	}

	private List<Route> documentedRoutes() {
		var documented = new java.util.HashSet<String>();
		var doc = new Http(port).get("/v3/api-docs").json();
		doc.get("paths").properties().forEach(path -> path.getValue().propertyNames()
			.forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
		var routes = new ArrayList<Route>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			var requires = handler.getMethodAnnotation(Requires.class);
			if (requires == null) {
				return;
			}
			for (var pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					if (documented.contains(method.name() + " " + pattern)) {
						routes.add(new Route(method.name(), pattern, requires.value().minimumRole()));
					}
				}
			}
		});
		return routes;
	}
}
