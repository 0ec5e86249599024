package io.runledger.api.mlflow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.node.ObjectNode;

/** MLflow's run, logging and metric-history endpoints, under {@code /api/2.0/mlflow} and {@code /ajax-api/2.0/mlflow}. */
@RestController
@Hidden
@RequestMapping({ "/api/2.0/mlflow", "/ajax-api/2.0/mlflow" })
class MlflowRunsController {

	private final MlflowRuns runs;

	private final MlflowMetricHistory history;

	MlflowRunsController(MlflowRuns runs, MlflowMetricHistory history) {
		this.runs = runs;
		this.history = history;
	}

	@PostMapping("/runs/create")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode create(CallerIdentity caller, MlflowRequest in) {
		return runs.create(caller, in);
	}

	@GetMapping("/runs/get")
	@Requires(Permission.READ)
	ObjectNode get(CallerIdentity caller, MlflowRequest in) {
		return runs.get(caller.orgId(), in);
	}

	@PostMapping("/runs/update")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode update(CallerIdentity caller, MlflowRequest in) {
		return runs.update(caller.orgId(), in);
	}

	@PostMapping("/runs/delete")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode delete(CallerIdentity caller, MlflowRequest in) {
		runs.delete(caller.orgId(), in, caller.actor());
		return MlflowJson.object();
	}

	@PostMapping("/runs/restore")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode restore(CallerIdentity caller, MlflowRequest in) {
		runs.restore(caller.orgId(), in, caller.actor());
		return MlflowJson.object();
	}

	@PostMapping("/runs/search")
	@Requires(Permission.READ)
	ObjectNode search(CallerIdentity caller, MlflowRequest in) {
		return runs.search(caller.orgId(), in);
	}

	/** Not in MLflow's contract (POST only), but handy for curl and harmless: fields from the query string. */
	@GetMapping("/runs/search")
	@Requires(Permission.READ)
	ObjectNode searchGet(CallerIdentity caller, MlflowRequest in) {
		return runs.search(caller.orgId(), in);
	}

	@PostMapping("/runs/set-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode setTag(CallerIdentity caller, MlflowRequest in) {
		runs.setTag(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/delete-tag")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode deleteTag(CallerIdentity caller, MlflowRequest in) {
		runs.deleteTag(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/log-metric")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode logMetric(CallerIdentity caller, MlflowRequest in) {
		runs.logMetric(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/log-parameter")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode logParam(CallerIdentity caller, MlflowRequest in) {
		runs.logParam(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/log-batch")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode logBatch(CallerIdentity caller, MlflowRequest in) {
		runs.logBatch(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/log-inputs")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode logInputs(CallerIdentity caller, MlflowRequest in) {
		runs.logInputs(caller.orgId(), in);
		return MlflowJson.object();
	}

	@PostMapping("/runs/log-model")
	@Requires(Permission.WRITE_TRACKING)
	ObjectNode logModel(CallerIdentity caller, MlflowRequest in) {
		runs.logModel(caller.orgId(), in);
		return MlflowJson.object();
	}

	@GetMapping("/metrics/get-history")
	@Requires(Permission.READ)
	ObjectNode getHistory(CallerIdentity caller, MlflowRequest in) {
		return history.history(caller.orgId(), in);
	}

	@GetMapping("/metrics/get-history-bulk-interval")
	@Requires(Permission.READ)
	ObjectNode getHistoryBulkInterval(CallerIdentity caller, MlflowRequest in) {
		return history.bulkInterval(caller.orgId(), in);
	}

	@GetMapping("/metrics/get-history-bulk")
	@Requires(Permission.READ)
	ObjectNode getHistoryBulk(CallerIdentity caller, MlflowRequest in) {
		return history.bulk(caller.orgId(), in);
	}
}
