package io.runledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.tenancy.Role;

/** Bad input answers 4xx problem+json that names the problem; never a 500. */
@IntegrationTest
class ProblemResponsesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	Http member;

	TestTenants.Tenant acme;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
	}

	@Test
	void malformed_json_is_a_400_that_says_the_body_is_not_valid_json() {
		var response = member.post("/api/v1/projects", "{\"slug\": ");

		assertProblem(response, 400, "not valid JSON");
	}

	@Test
	void a_malformed_id_is_a_400_naming_the_parameter() {
		assertProblem(member.get("/api/v1/projects/not-a-uuid"), 400, "project id must be a UUID");
	}

	@Test
	void an_invalid_slug_is_a_400_that_explains_the_rule() {
		assertProblem(member.post("/api/v1/projects", "{\"slug\":\"Bad Slug!\"}"), 400, "slug must be");
	}

	@Test
	void a_taken_slug_is_a_409() {
		var slug = acme.project().slug().value();

		assertProblem(member.post("/api/v1/projects", "{\"slug\":\"" + slug + "\"}"), 409, "already exists");
	}

	@Test
	void an_out_of_range_page_size_is_a_400() {
		assertProblem(member.get("/api/v1/projects?limit=0"), 400, "limit must be between");
		assertProblem(member.get("/api/v1/projects?limit=abc"), 400, "limit");
	}

	@Test
	void a_garbage_cursor_is_a_400() {
		assertProblem(member.get("/api/v1/projects?cursor=!!!"), 400, "cursor");
	}

	@Test
	void control_characters_in_names_are_rejected() {
		assertProblem(member.post("/api/v1/projects", "{\"slug\":\"ok-slug\",\"name\":\"a\\u0000b\"}"), 400,
				"control characters");
	}

	@Test
	void an_unknown_route_is_a_404_problem() {
		var response = member.get("/api/v1/no-such-thing");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void a_wrong_method_is_a_405() {
		assertThat(member.send("PUT", "/api/v1/projects", "{}").status()).isEqualTo(405);
	}

	@Test
	void pages_chain_through_cursors_without_gaps_or_repeats() {
		for (int i = 0; i < 5; i++) {
			member.post("/api/v1/projects", "{\"slug\":\"page-" + i + "\"}");
		}
		var seen = new java.util.ArrayList<String>();
		String cursor = null;
		do {
			var page = member.get("/api/v1/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
			page.get("items").valueStream().forEach(p -> seen.add(p.get("slug").asString()));
			cursor = page.get("nextCursor") == null ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);

		assertThat(seen).hasSize(6).doesNotHaveDuplicates().isSorted();
	}

	private static void assertProblem(Http.Response response, int status, String detailPart) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains(detailPart);
	}
}
