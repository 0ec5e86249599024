package io.runledger.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.billing.BillingPlans;
import io.runledger.billing.Plan;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.Role;

/**
 * Walks the state changes that must leave an audit entry (deletes and restores of runs, reports, artifact versions
 * and experiments; every change to the model registry; budget and plan changes): each is done through the API a
 * client uses, and its entry must name the action, the acting key's holder and the target.
 */
@IntegrationTest
class AuditedActionsTests {

	static final String MLFLOW = "/api/2.0/mlflow/";

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	BillingPlans plans;

	/** Action → what it was done to, in the order the walk below does them. */
	final LinkedHashMap<String, String> expected = new LinkedHashMap<>();

	Http.Response ok(Http.Response response, String action, String target) {
		assertThat(response.status()).as(action + ": " + response).isBetween(200, 299);
		expected.put(action, target);
		return response;
	}

	@Test
	void every_delete_restore_registry_budget_and_plan_change_is_in_the_audit_log_with_its_actor_and_target() {
		var acme = tenants.create();
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var project = acme.project().id().toString();

		// Runs, native and MLflow.
		var run = member.post("/api/v1/projects/" + project + "/runs", "{}").json().get("id").asString();
		ok(member.delete("/api/v1/runs/" + run), "run.deleted", run);
		ok(member.post("/api/v1/runs/" + run + "/restore", "{}"), "run.restored", run);
		var mlflowRun = member.post(MLFLOW + "runs/create", "{\"experiment_id\":\"" + project + "\"}").json()
			.at("/run/info/run_id").asString();
		member.post(MLFLOW + "runs/delete", "{\"run_id\":\"" + mlflowRun + "\"}");
		member.post(MLFLOW + "runs/restore", "{\"run_id\":\"" + mlflowRun + "\"}");

		// Reports: an old version restored, then the report deleted.
		var report = member.post("/api/v1/projects/" + project + "/reports", "{\"title\":\"r\",\"blocks\":[]}")
			.json().get("id").asString();
		member.send("PUT", "/api/v1/reports/" + report, "{\"version\":1,\"title\":\"r2\",\"blocks\":[]}");
		ok(member.post("/api/v1/reports/" + report + "/versions/1/restore", "{\"version\":2}"), "report.restored",
				report);
		ok(member.delete("/api/v1/reports/" + report), "report.deleted", report);

		// Artifact versions.
		var artifact = member.post("/api/v1/projects/" + project + "/artifacts", "{\"name\":\"audited\"}").json()
			.get("artifactId").asString();
		var upload = member.send("PUT", "/api/v1/artifacts/" + artifact + "/versions/1/file?path=a.txt", "a");
		assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
		member.post("/api/v1/artifacts/" + artifact + "/versions/1/commit", "{}");
		ok(member.delete("/api/v1/artifacts/" + artifact + "/versions/1"), "artifact.version.deleted", artifact);
		ok(member.post("/api/v1/artifacts/" + artifact + "/versions/1/restore", "{}"), "artifact.version.restored",
				artifact);

		// MLflow experiments (their runs go and come back with them).
		var experiment = member.post(MLFLOW + "experiments/create", "{\"name\":\"audited-" + UUID.randomUUID() + "\"}")
			.json().get("experiment_id").asString();
		ok(member.post(MLFLOW + "experiments/delete", "{\"experiment_id\":\"" + experiment + "\"}"),
				"experiment.deleted", null);
		ok(member.post(MLFLOW + "experiments/restore", "{\"experiment_id\":\"" + experiment + "\"}"),
				"experiment.restored", null);

		// The model registry.
		var model = "churn-" + UUID.randomUUID();
		var modelId = "registered_model";
		ok(member.post(MLFLOW + "registered-models/create", "{\"name\":\"" + model + "\"}"), "registry.model.created",
				modelId);
		ok(member.post(MLFLOW + "registered-models/rename", "{\"name\":\"" + model + "\",\"new_name\":\"" + model
				+ "-2\"}"), "registry.model.renamed", modelId);
		model = model + "-2";
		var named = "{\"name\":\"" + model + "\"";
		ok(member.send("PATCH", MLFLOW + "registered-models/update", named + ",\"description\":\"d\"}"),
				"registry.model.updated", modelId);
		ok(member.post(MLFLOW + "registered-models/set-tag", named + ",\"key\":\"k\",\"value\":\"v\"}"),
				"registry.model.tag_set", modelId);
		ok(member.send("DELETE", MLFLOW + "registered-models/delete-tag", named + ",\"key\":\"k\"}"),
				"registry.model.tag_deleted", modelId);
		ok(member.post(MLFLOW + "model-versions/create", named + ",\"source\":\"runs:/" + mlflowRun + "/model\"}"),
				"registry.version.created", modelId);
		var version = named + ",\"version\":\"1\"";
		ok(member.send("PATCH", MLFLOW + "model-versions/update", version + ",\"description\":\"d\"}"),
				"registry.version.updated", modelId);
		ok(member.post(MLFLOW + "model-versions/transition-stage", version + ",\"stage\":\"Production\"}"),
				"registry.version.stage_changed", modelId);
		ok(member.post(MLFLOW + "model-versions/set-tag", version + ",\"key\":\"k\",\"value\":\"v\"}"),
				"registry.version.tag_set", modelId);
		ok(member.send("DELETE", MLFLOW + "model-versions/delete-tag", version + ",\"key\":\"k\"}"),
				"registry.version.tag_deleted", modelId);
		ok(member.post(MLFLOW + "registered-models/alias", named + ",\"alias\":\"champion\",\"version\":\"1\"}"),
				"registry.alias.set", modelId);
		ok(member.send("DELETE", MLFLOW + "registered-models/alias", named + ",\"alias\":\"champion\"}"),
				"registry.alias.deleted", modelId);
		ok(member.send("DELETE", MLFLOW + "model-versions/delete", version + "}"), "registry.version.deleted",
				modelId);
		ok(member.send("DELETE", MLFLOW + "registered-models/delete", named + "}"), "registry.model.deleted",
				modelId);

		// Budgets and plans.
		var budget = admin.post("/api/v1/budgets", "{\"name\":\"b\",\"meter\":\"DATA_POINTS\",\"limit\":10}");
		var budgetId = ok(budget, "budget.created", null).json().at("/budget/id").asString();
		ok(admin.send("PUT", "/api/v1/budgets/" + budgetId, "{\"name\":\"b\",\"meter\":\"DATA_POINTS\",\"limit\":20}"),
				"budget.updated", budgetId);
		ok(admin.delete("/api/v1/budgets/" + budgetId), "budget.deleted", budgetId);
		plans.assign(acme.orgId(), Plan.PUBLIC, LocalDate.now().plusDays(1),
				Actor.user(acme.people().get(Role.OWNER)));
		expected.put("billing.plan.assigned", null);

		var entries = admin.get("/api/v1/audit-log?limit=1000").json().get("items");
		var missing = new ArrayList<String>();
		expected.forEach((action, target) -> {
			// The newest entry of this action on this target (a target of null: the action alone identifies it).
			var entry = entries.valueStream()
				.filter(e -> e.get("action").asString().equals(action))
				.filter(e -> target == null || target.equals(e.get("targetId").asString())
						|| target.equals(e.get("targetKind").asString()))
				.findFirst();
			if (entry.isEmpty()) {
				missing.add(action);
				return;
			}
			var holder = action.startsWith("budget.") ? Role.ADMIN
					: action.startsWith("billing.") ? Role.OWNER : Role.MEMBER;
			assertThat(entry.get().at("/actor/id").asString()).as(action)
				.isEqualTo(acme.people().get(holder).toString());
		});
		assertThat(missing).as("actions without an audit entry").isEmpty();
		assertThat(entries.valueStream().filter(e -> e.get("action").asString().startsWith("run."))
			.map(e -> e.get("targetId").asString())).as("native and MLflow deletes and restores of runs")
			.hasSize(4).contains(run);
	}
}
