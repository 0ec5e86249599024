package io.runledger.api.tracking;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Runs")
class RunsController {

	private final Runs runs;

	private final RunParams params;

	private final RunTags tags;

	private final SeriesReader series;

	private final StartRun startRun;

	private final JsonMapper json = JsonMapper.builder().build();

	RunsController(Runs runs, RunParams params, RunTags tags, SeriesReader series, StartRun startRun) {
		this.startRun = startRun;
		this.runs = runs;
		this.params = params;
		this.tags = tags;
		this.series = series;
	}

	record CreateRun(String name, String group, String notes, Instant startTime, Map<String, String> tags,
			JsonNode config) {
	}

	record UpdateRun(String name, String notes, String group, String state, Instant endTime) {
	}

	record MetricSummary(String key, String loggedAs, long count, Long lastStep, Long lastTimestamp,
			Double last, Double min, Double max) {

		static MetricSummary of(SeriesReader.SeriesInfo info) {
			return new MetricSummary(info.displayKey(), info.key().equals(info.displayKey()) ? null : info.key(),
					info.pointCount(), info.lastStep(), info.lastTimestamp(), info.lastValue(), info.min(),
					info.max());
		}
	}

	/**
	 * {@code lastActivityTime} is the run's last sign of life (heartbeat or write; the same as {@code heartbeatTime});
	 * {@code active} is false once a RUNNING run has been silent for the heartbeat timeout: "no recent activity". A
	 * run whose client heartbeats is then CRASHED; one whose client never does (MLflow) stays RUNNING, quiet.
	 */
	record RunView(String id, String projectId, String name, String state, boolean active, String createdBy,
			String group, String notes, Instant startTime, Instant endTime, Instant heartbeatTime,
			Instant lastActivityTime, boolean sendsHeartbeats, boolean deleted, Map<String, String> tags,
			Map<String, String> params, JsonNode config, List<MetricSummary> metrics) {
	}

	@Creates
	@PostMapping("/api/v1/projects/{projectId}/runs")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Start a run (state RUNNING) in a project, optionally with tags and config")
	ResponseEntity<RunView> create(CallerIdentity caller, @PathVariable String projectId,
			@RequestBody(required = false) CreateRun body) {
		var spec = body == null ? new CreateRun(null, null, null, null, null, null) : body;
		var run = startRun.start(caller.orgId(), ProjectId.parse(projectId),
				new Runs.NewRun(spec.name(), spec.group(), spec.notes(), spec.startTime(), true), spec.tags(), spec.config(),
				caller.actor());
		return ResponseEntity.created(URI.create("/api/v1/runs/" + run.id())).body(view(caller, run.id()));
	}

	@GetMapping("/api/v1/runs/{runId}")
	@Requires(Permission.READ)
	@Operation(summary = "A run with its tags, params, config and metric summaries")
	RunView get(CallerIdentity caller, @PathVariable String runId) {
		return view(caller, RunId.parse(runId));
	}

	@PatchMapping("/api/v1/runs/{runId}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Rename, edit notes or group, finish (FINISHED, FAILED, KILLED) or reopen (RUNNING) a run")
	RunView update(CallerIdentity caller, @PathVariable String runId, @RequestBody UpdateRun body) {
		if (body == null) {
			throw new InvalidRequestException("request body is required");
		}
		var id = RunId.parse(runId);
		if (body.name() != null || body.notes() != null || body.group() != null) {
			runs.update(caller.orgId(), id, body.name(), body.notes(), body.group());
		}
		if (body.state() != null) {
			runs.changeState(caller.orgId(), id, RunState.parse(body.state()), body.endTime());
		}
		return view(caller, id);
	}

	@PostMapping("/api/v1/runs/{runId}/heartbeat")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Tell the platform the run is alive (any logged data counts too); from then on the run is "
			+ "one whose silence for the heartbeat timeout means CRASHED")
	ResponseEntity<Void> heartbeat(CallerIdentity caller, @PathVariable String runId) {
		runs.heartbeat(caller.orgId(), RunId.parse(runId));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/api/v1/runs/{runId}")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Delete a run (soft: it can be restored)")
	ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String runId) {
		runs.setDeleted(caller.orgId(), RunId.parse(runId), true, caller.actor());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/runs/{runId}/restore")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Restore a deleted run")
	RunView restore(CallerIdentity caller, @PathVariable String runId) {
		runs.setDeleted(caller.orgId(), RunId.parse(runId), false, caller.actor());
		return view(caller, RunId.parse(runId));
	}

	@PutMapping("/api/v1/runs/{runId}/tags")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Set tags (overwrites the given keys, keeps the others)")
	Map<String, String> setTags(CallerIdentity caller, @PathVariable String runId,
			@RequestBody Map<String, String> body) {
		if (body == null) {
			throw new InvalidRequestException("request body must be an object of tag key → value");
		}
		var id = RunId.parse(runId);
		tags.set(caller.orgId(), id, body);
		return tags.tags(caller.orgId(), id);
	}

	@DeleteMapping("/api/v1/runs/{runId}/tags")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Delete one tag")
	ResponseEntity<Void> deleteTag(CallerIdentity caller, @PathVariable String runId, @RequestParam String key) {
		if (!tags.delete(caller.orgId(), RunId.parse(runId), key)) {
			throw new NotFoundException("tag", key);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/runs/{runId}/params")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Log params (write-once: the same value again is fine, another value is 409)")
	Map<String, String> logParams(CallerIdentity caller, @PathVariable String runId,
			@RequestBody Map<String, String> body) {
		if (body == null) {
			throw new InvalidRequestException("request body must be an object of param key → string value");
		}
		var id = RunId.parse(runId);
		params.logParams(caller.orgId(), id, body);
		return params.params(caller.orgId(), id);
	}

	@PostMapping("/api/v1/runs/{runId}/config")
	@Requires(Permission.WRITE_TRACKING)
	@Operation(summary = "Merge a nested config; leaves become dotted, write-once param keys")
	JsonNode logConfig(CallerIdentity caller, @PathVariable String runId, @RequestBody JsonNode body) {
		var id = RunId.parse(runId);
		params.logConfig(caller.orgId(), id, body);
		return json.readTree(runs.get(caller.orgId(), id).configJson());
	}

	private RunView view(CallerIdentity caller, RunId id) {
		var run = runs.get(caller.orgId(), id);
		return new RunView(run.id().toString(), run.projectId().toString(), run.name(), run.state().name(),
				runs.active(run), run.createdBy(), run.group(), run.notes(), run.startedAt(), run.endedAt(),
				run.heartbeatAt(), run.heartbeatAt(), run.sendsHeartbeats(), run.deletedAt() != null, tags.tags(caller.orgId(), id), params.params(caller.orgId(), id),
				json.readTree(run.configJson()),
				series.seriesOf(caller.orgId(), id).stream().map(MetricSummary::of).toList());
	}
}
