package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.metering.BudgetAlerts;
import io.runledger.metering.BudgetGuard;
import io.runledger.metering.Period;
import io.runledger.tenancy.Role;

/**
 * Budgets: ADMINs manage them, thresholds alert once per period, a hard cap refuses writes with a 429 naming the
 * budget (MLflow: REQUEST_LIMIT_EXCEEDED with Retry-After) while reads keep working, and the live counters in Redis
 * are rebuilt from PostgreSQL when they are lost.
 */
@IntegrationTest
class BudgetTests {

	static final String MLFLOW = "/api/2.0/mlflow/";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	BudgetAlerts alerts;

	@Autowired
	BudgetGuard guard;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	TestClock clock;

	TestTenants.Tenant acme;

	Http member;

	Http admin;

	Http viewer;

	String run;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		admin = new Http(port).bearer(acme.key(Role.ADMIN));
		viewer = new Http(port).bearer(acme.key(Role.VIEWER));
		run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
	}

	@AfterEach
	void reset() {
		clock.reset();
		guard.forgetDecisions();
	}

	Http.Response log(int firstStep, int points) {
		return member.post("/api/v1/runs/" + run + "/metrics", UsageMeteringTests.batch(null, firstStep, points));
	}

	String createBudget(String json) {
		var response = admin.post("/api/v1/budgets", json);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().at("/budget/id").asString();
	}

	@Test
	void only_admins_manage_budgets_and_everyone_gets_their_own_organisations_only() {
		var body = "{\"name\":\"points\",\"meter\":\"DATA_POINTS\",\"limit\":1000}";
		assertThat(member.post("/api/v1/budgets", body).status()).isEqualTo(403);
		assertThat(viewer.get("/api/v1/budgets").status()).isEqualTo(403);
		var id = createBudget(body);

		var listed = admin.get("/api/v1/budgets").json().get("items");
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.get(0).at("/budget/thresholds").valueStream().map(n -> n.asInt())).containsExactly(50, 80, 100);
		assertThat(listed.get(0).at("/budget/hardCap").asBoolean()).isFalse();

		var globex = tenants.create();
		var stranger = new Http(port).bearer(globex.key(Role.OWNER));
		assertThat(stranger.get("/api/v1/budgets/" + id).status()).isEqualTo(404);
		assertThat(stranger.send("PUT", "/api/v1/budgets/" + id, body).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/budgets/" + id).status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/budgets").json().get("items").size()).isZero();

		assertThat(admin.delete("/api/v1/budgets/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/budgets/" + id).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/audit-log").body()).contains("budget.created").contains("budget.deleted");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\":\"x\",\"meter\":\"DATA_POINTS\"}",
			"{\"name\":\"x\",\"meter\":\"SEATS\",\"limit\":5}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":-1}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"currency\":\"EUR\"}",
			"{\"name\":\"x\",\"limit\":10}",
			"{\"name\":\"\",\"meter\":\"DATA_POINTS\",\"limit\":10}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"thresholds\":[0]}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"thresholds\":[50,5000]}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"project\":\"not-a-uuid\"}",
			"{\"name\":\"x\",\"currency\":\"EUR\",\"limit\":10}",
			"{\"name\":\"x\",\"currency\":\"XYZ1\",\"limit\":10}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"http://example.com/hook\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://127.0.0.1/hook\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://10.1.2.3/hook\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://169.254.169.254/latest\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://[::1]/hook\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://localhost/hook\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"file:///etc/passwd\"}",
			"{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"webhookUrl\":\"https://user:pw@example.com/\"}" })
	void invalid_budgets_and_webhooks_to_private_addresses_are_refused_with_a_400_naming_the_problem(String body) {
		var response = admin.post("/api/v1/budgets", body);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).isNotBlank();
	}

	@Test
	void a_money_budget_in_the_billing_currency_is_valued_with_the_plan() {
		createBudget("{\"name\":\"spend\",\"currency\":\"USD\",\"limit\":50,\"hardCap\":true}");
		log(0, 1000);

		var status = admin.get("/api/v1/budgets").json().get("items").get(0);
		// 1,000 points lie within the public plan's free allowance: nothing spent, nothing capped.
		assertThat(status.get("used").decimalValue()).isEqualByComparingTo("0");
		assertThat(status.get("reached").asBoolean()).isFalse();
		assertThat(status.at("/budget/limitAmount/currency").asString()).isEqualTo("USD");
		assertThat(log(1000, 10).status()).isEqualTo(200);
	}

	@Test
	void a_budget_for_another_organisations_project_is_not_found() {
		var globex = tenants.create();
		var response = admin.post("/api/v1/budgets", "{\"name\":\"x\",\"meter\":\"DATA_POINTS\",\"limit\":10,"
				+ "\"project\":\"" + globex.project().id() + "\"}");
		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void each_threshold_raises_one_alert_and_one_notification_per_period_however_often_budgets_are_evaluated() {
		createBudget("{\"name\":\"monthly points\",\"meter\":\"DATA_POINTS\",\"limit\":1000}");
		log(0, 600);

		assertThat(alerts.evaluate(acme.orgId())).extracting(BudgetAlerts.Alert::threshold).containsExactly(50);
		assertThat(alerts.evaluate(acme.orgId())).isEmpty();

		log(600, 500);
		assertThat(alerts.evaluate(acme.orgId())).extracting(BudgetAlerts.Alert::threshold).containsExactly(80, 100);
		assertThat(alerts.evaluate(acme.orgId())).isEmpty();

		var listed = admin.get("/api/v1/budgets/alerts").json().get("items");
		assertThat(listed.valueStream().map(a -> a.get("threshold").asInt())).containsExactlyInAnyOrder(50, 80, 100);
		assertThat(listed.get(0).get("used").decimalValue()).isEqualByComparingTo("1100");
		var notifications = admin.get("/api/v1/notifications").json().get("items");
		assertThat(notifications.size()).isEqualTo(3);
		assertThat(notifications.get(0).get("title").asString()).contains("monthly points");
		var status = admin.get("/api/v1/budgets").json().get("items").get(0);
		assertThat(status.get("used").decimalValue()).isEqualByComparingTo("1100");
		assertThat(status.get("reached").asBoolean()).isTrue();
		assertThat(status.get("percent").decimalValue()).isEqualByComparingTo("110");
	}

	@Test
	void alerts_and_notifications_are_listed_page_by_page_with_the_cursor_of_the_previous_page() {
		createBudget("{\"name\":\"paged\",\"meter\":\"DATA_POINTS\",\"limit\":100,\"thresholds\":[10,20,30,40,50]}");
		log(0, 60);
		assertThat(alerts.evaluate(acme.orgId())).hasSize(5);

		for (var path : java.util.List.of("/api/v1/budgets/alerts", "/api/v1/notifications")) {
			var first = admin.get(path + "?limit=2").json();
			var second = admin.get(path + "?limit=2&cursor=" + first.get("nextCursor").asString()).json();
			var third = admin.get(path + "?limit=2&cursor=" + second.get("nextCursor").asString()).json();

			var seen = new java.util.ArrayList<String>();
			for (var page : java.util.List.of(first, second, third)) {
				page.get("items").forEach(item -> seen.add(item.toString()));
			}
			assertThat(first.get("items").size()).as(path).isEqualTo(2);
			assertThat(third.get("items").size()).as(path).isEqualTo(1);
			assertThat(third.has("nextCursor")).as(path).isFalse();
			assertThat(seen).as(path).hasSize(5).doesNotHaveDuplicates();
		}
		var thresholds = admin.get("/api/v1/budgets/alerts?limit=5").json().get("items").valueStream()
			.map(a -> a.get("threshold").asInt()).toList();
		assertThat(thresholds).containsExactly(50, 40, 30, 20, 10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/budgets/alerts?cursor=%25%25%25", "/api/v1/notifications?cursor=bm90LWEta2V5",
			"/api/v1/budgets/alerts?cursor=bm90LWEta2V5", "/api/v1/notifications?limit=0",
			"/api/v1/budgets/alerts?limit=1001" })
	void a_bad_cursor_or_limit_on_alerts_or_notifications_is_a_400_naming_it(String path) {
		var response = admin.get(path);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).containsAnyOf("cursor", "limit");
	}

	@Test
	void a_reached_hard_cap_refuses_writes_with_a_429_naming_the_budget_while_reads_keep_working() {
		var id = createBudget("{\"name\":\"hard points\",\"meter\":\"DATA_POINTS\",\"limit\":100,\"hardCap\":true}");
		assertThat(log(0, 150).status()).isEqualTo(200); // the write that crosses the limit is accepted whole

		var refused = log(150, 10);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("budgetId").asString()).isEqualTo(id);
		assertThat(refused.json().get("detail").asString()).contains("hard points").contains("/api/v1/budgets/" + id)
			.contains("can still be read").contains("raises the limit")
			// Nothing exports data yet, so the answer must not promise it.
			.doesNotContainIgnoringCase("export");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();

		var experiment = acme.project().id().toString();
		var mlflowRun = member.post(MLFLOW + "runs/create", "{\"experiment_id\":\"" + experiment + "\"}");
		assertThat(mlflowRun.status()).as("run creation adds no data points").isEqualTo(200);
		var runId = mlflowRun.json().at("/run/info/run_id").asString();
		var mlflowRefused = member.post(MLFLOW + "runs/log-metric",
				"{\"run_id\":\"" + runId + "\",\"key\":\"loss\",\"value\":1.0,\"timestamp\":1,\"step\":0}");
		assertThat(mlflowRefused.status()).isEqualTo(429);
		assertThat(mlflowRefused.json().get("error_code").asString()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
		assertThat(mlflowRefused.header("Retry-After")).isNotNull();

		// Reads, search, MLflow reads and admin pages keep working.
		assertThat(viewer.get("/api/v1/runs/" + run + "/points?key=loss").json().get("steps").size()).isEqualTo(150);
		assertThat(viewer.get("/api/v1/runs/" + run).status()).isEqualTo(200);
		assertThat(viewer.get(MLFLOW + "runs/get?run_id=" + runId).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/usage/current").status()).isEqualTo(200);

		// Raising the limit lets writes through again at once.
		var raised = admin.send("PUT", "/api/v1/budgets/" + id,
				"{\"name\":\"hard points\",\"meter\":\"DATA_POINTS\",\"limit\":1000,\"hardCap\":true}");
		assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
		assertThat(log(150, 10).status()).isEqualTo(200);
	}

	@Test
	void a_project_budget_caps_only_its_own_project() {
		var other = member.post("/api/v1/projects", "{\"slug\":\"other-" + UUID.randomUUID().toString().substring(0, 8)
				+ "\"}");
		assertThat(other.status()).as(other.toString()).isEqualTo(201);
		var otherRun = member.post("/api/v1/projects/" + other.json().get("id").asString() + "/runs", "{}").json()
			.get("id").asString();
		createBudget("{\"name\":\"p\",\"meter\":\"DATA_POINTS\",\"limit\":10,\"hardCap\":true,\"project\":\""
				+ acme.project().id() + "\"}");
		log(0, 20);

		assertThat(log(20, 1).status()).isEqualTo(429);
		assertThat(member.post("/api/v1/runs/" + otherRun + "/metrics", UsageMeteringTests.batch(null, 0, 5)).status())
			.isEqualTo(200);
	}

	@Test
	void a_tracked_hours_cap_refuses_new_runs() {
		createBudget("{\"name\":\"hours\",\"meter\":\"TRACKED_HOURS\",\"limit\":1,\"hardCap\":true}");
		clock.advance(java.time.Duration.ofSeconds(5));
		member.patch("/api/v1/runs/" + run, "{\"state\":\"FINISHED\"}");

		var refused = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("budgetName").asString()).isEqualTo("hours");
	}

	@Test
	void live_counters_follow_committed_usage_and_are_rebuilt_from_postgresql_when_redis_loses_them() {
		var key = "usage:" + acme.orgId() + ":" + Period.containing(clock.instant());
		createBudget("{\"name\":\"cap\",\"meter\":\"DATA_POINTS\",\"limit\":100,\"hardCap\":true}");
		log(0, 40);
		assertThat(log(40, 10).status()).isEqualTo(200); // the guard builds the counters from PostgreSQL: 40
		log(50, 30);
		// Increments reach Redis within a flush (every 100 ms), not inside the request.
		awaitCounter(key, "DATA_POINTS", "80");

		// As after a Redis restart: the counters are gone; the next check rebuilds them from PostgreSQL.
		redis.delete(key);
		log(80, 25);
		guard.forgetDecisions();
		assertThat(log(105, 1).status()).isEqualTo(429);
		awaitCounter(key, "DATA_POINTS", "105");
		assertThat(new BigDecimal((String) redis.opsForHash().get(key, "DATA_POINTS:" + acme.project().id())))
			.isEqualByComparingTo("105");
	}

	void awaitCounter(String key, String field, String expected) {
		var deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		String value = null;
		while (System.nanoTime() < deadline) {
			value = (String) redis.opsForHash().get(key, field);
			if (value != null && new BigDecimal(value).compareTo(new BigDecimal(expected)) == 0) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
		assertThat(value).as("counter " + field + " of " + key).isEqualTo(expected);
	}
}
