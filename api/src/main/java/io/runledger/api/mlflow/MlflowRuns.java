package io.runledger.api.mlflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.runledger.api.tracking.MetricBatch;
import io.runledger.api.tracking.MetricWriter;
import io.runledger.api.tracking.MultiProjectRunSearch;
import io.runledger.api.tracking.Run;
import io.runledger.api.tracking.RunParams;
import io.runledger.api.tracking.RunSearch;
import io.runledger.api.tracking.RunState;
import io.runledger.api.tracking.RunTags;
import io.runledger.api.tracking.Runs;
import io.runledger.api.tracking.SeriesPoints;
import io.runledger.api.tracking.SeriesReader;
import io.runledger.api.tracking.StartRun;
import io.runledger.api.tracking.search.RunFilter;
import io.runledger.api.tracking.search.RunOrder;
import io.runledger.auth.CallerIdentity;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MLflow's runs and logging, as an adapter over the tracking engine: runs are created with {@link StartRun}, params go
 * through {@link RunParams} (write-once), tags through {@link RunTags}, metric points through {@link MetricWriter}
 * (so they are stored, metered and read exactly like native points), reads through {@link SeriesReader} and searches
 * through {@link MultiProjectRunSearch}. Only what MLflow has beyond our runs (dataset inputs) is stored here.
 */
@Component
class MlflowRuns {

	static final String RUN_NAME_TAG = "mlflow.runName";

	static final String LOGGED_MODELS_TAG = "mlflow.log-model.history";

	static final int DEFAULT_SEARCH_RESULTS = 1000;

	static final int MAX_SEARCH_RESULTS = 50_000;

	static final int MAX_SEARCH_EXPERIMENTS = 1000;

	private final TenantTransactions tx;

	private final Runs runs;

	private final StartRun startRun;

	private final RunParams params;

	private final RunTags tags;

	private final MetricWriter writer;

	private final SeriesReader series;

	private final MultiProjectRunSearch search;

	private final MlflowExperiments experiments;

	private final MlflowInputs inputs;

	MlflowRuns(TenantTransactions tx, Runs runs, StartRun startRun, RunParams params, RunTags tags, MetricWriter writer,
			SeriesReader series, MultiProjectRunSearch search, MlflowExperiments experiments, MlflowInputs inputs) {
		this.tx = tx;
		this.runs = runs;
		this.startRun = startRun;
		this.params = params;
		this.tags = tags;
		this.writer = writer;
		this.series = series;
		this.search = search;
		this.experiments = experiments;
		this.inputs = inputs;
	}

	// ------------------------------------------------------------------------------------------------ lifecycle

	ObjectNode create(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var experimentId = in.string("experiment_id");
		if (experimentId == null || experimentId.isEmpty()) {
			experimentId = MlflowExperiments.DEFAULT_ID;
		}
		var runTags = keyValues(in.messages("tags"), true);
		var runName = emptyToNull(in.string("run_name"));
		var tagName = emptyToNull(runTags.get(RUN_NAME_TAG));
		if (runName != null && tagName != null && !runName.equals(tagName)) {
			throw MlflowException.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with "
					+ "different values (run_name='" + Printable.abbreviate(runName) + "', mlflow.runName='"
					+ Printable.abbreviate(tagName) + "').");
		}
		var name = runName != null ? runName : tagName;
		var startMillis = in.int64("start_time");
		var startedAt = startMillis == null || startMillis == 0 ? null : Instant.ofEpochMilli(startMillis);
		var projectId = experiments.requireActive(orgId, experimentId);
		var run = tx.write(orgId, () -> {
			var created = startRun.start(orgId, projectId, new Runs.NewRun(name, null, null, startedAt, false), runTags, null,
					caller.actor());
			if (!created.name().equals(runTags.get(RUN_NAME_TAG))) {
				tags.set(orgId, created.id(), Map.of(RUN_NAME_TAG, created.name()));
			}
			return created;
		});
		var result = MlflowJson.object();
		result.set("run", view(orgId, run.id()));
		return result;
	}

	ObjectNode get(OrgId orgId, MlflowRequest in) {
		var result = MlflowJson.object();
		result.set("run", view(orgId, MlflowIds.run(in.runId())));
		return result;
	}

	ObjectNode update(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var status = in.has("status") ? status(in.string("status")) : null;
		var endMillis = in.int64("end_time");
		var runName = emptyToNull(in.string("run_name"));
		tx.writeVoid(orgId, () -> {
			var run = requireActive(runs.get(orgId, id));
			if (runName != null) {
				runs.update(orgId, id, runName, null, null);
				tags.set(orgId, id, Map.of(RUN_NAME_TAG, runName));
			}
			var end = endMillis == null ? null : Instant.ofEpochMilli(endMillis);
			if (status != null) {
				changeStatus(orgId, run, status, end);
			}
			else if (end != null && run.state().terminal() && run.state() != RunState.CRASHED) {
				changeStatus(orgId, run, run.state(), end);
			}
		});
		var result = MlflowJson.object();
		var run = runs.get(orgId, id);
		result.set("run_info", info(run, experiments.ref(orgId, run.projectId())));
		return result;
	}

	/**
	 * MLflow lets a client set any status and end time at any time. Moving from one terminal status or end time to
	 * another replaces the run's end (its billed time follows the end it shows). An end time before the start (client
	 * clocks) is taken as the start.
	 */
	private void changeStatus(OrgId orgId, Run run, RunState target, Instant end) {
		var id = run.id();
		if (target == RunState.RUNNING) {
			if (run.state() != RunState.RUNNING) {
				runs.changeState(orgId, id, RunState.RUNNING, null);
			}
			return;
		}
		if (end != null && end.isBefore(run.startedAt())) {
			end = run.startedAt();
		}
		if (run.state() == RunState.RUNNING || run.state() == RunState.CRASHED) {
			runs.changeState(orgId, id, target, end);
			return;
		}
		if (run.state() == target && (end == null || end.equals(run.endedAt()))) {
			return;
		}
		runs.replaceEnd(orgId, id, target, end);
	}

	void delete(OrgId orgId, MlflowRequest in, Actor actor) {
		runs.setDeleted(orgId, MlflowIds.run(in.runId()), true, actor);
	}

	void restore(OrgId orgId, MlflowRequest in, Actor actor) {
		runs.setDeleted(orgId, MlflowIds.run(in.runId()), false, actor);
	}

	// ------------------------------------------------------------------------------------------------ tags

	void setTag(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var key = in.requiredString("key");
		var value = valueOrEmpty(in.string("value"));
		MlflowValidation.runTag(key, value);
		tx.writeVoid(orgId, () -> {
			requireActive(runs.get(orgId, id));
			setTags(orgId, id, Map.of(key, value));
		});
	}

	void deleteTag(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var key = in.requiredString("key");
		tx.writeVoid(orgId, () -> {
			requireActive(runs.get(orgId, id));
			if (!tags.delete(orgId, id, key)) {
				throw MlflowException.notFound("No tag with name: " + Printable.abbreviate(key) + " in run with id "
						+ MlflowIds.hex(id));
			}
		});
	}

	/** Tags overwrite; {@code mlflow.runName} also renames the run, as in MLflow. */
	private void setTags(OrgId orgId, RunId id, Map<String, String> values) {
		if (values.isEmpty()) {
			return;
		}
		tags.set(orgId, id, values);
		var name = values.get(RUN_NAME_TAG);
		if (name != null && !name.isBlank()) {
			runs.update(orgId, id, name, null, null);
		}
	}

	// ------------------------------------------------------------------------------------------------ logging

	void logParam(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var key = in.requiredString("key");
		var value = valueOrEmpty(in.string("value"));
		MlflowValidation.param(key, value);
		writeParams(orgId, id, Map.of(key, value), () -> null);
	}

	void logMetric(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var key = in.requiredString("key");
		double value = in.requiredFloat64("value");
		long timestamp = in.requiredInt64("timestamp");
		var step = in.int64("step");
		MlflowValidation.metric(key, value, timestamp);
		var batch = batch(id, List.of(new Point(key, value, timestamp, step == null ? 0 : step)));
		writing(orgId, id, () -> writer.writeDistinct(orgId, id, batch));
	}

	void logBatch(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var metricItems = in.messages("metrics");
		var paramItems = in.messages("params");
		var tagItems = in.messages("tags");
		MlflowValidation.batchLimit("metrics", MlflowValidation.MAX_METRICS_PER_BATCH, metricItems.size());
		MlflowValidation.batchLimit("params", MlflowValidation.MAX_PARAMS_TAGS_PER_BATCH, paramItems.size());
		MlflowValidation.batchLimit("tags", MlflowValidation.MAX_PARAMS_TAGS_PER_BATCH, tagItems.size());
		MlflowValidation.batchLimit("metrics, params, and tags", MlflowValidation.MAX_ENTITIES_PER_BATCH,
				metricItems.size() + paramItems.size() + tagItems.size());
		var points = new ArrayList<Point>(metricItems.size());
		for (var item : metricItems) {
			var key = item.requiredString("key");
			double value = item.requiredFloat64("value");
			long timestamp = item.requiredInt64("timestamp");
			var step = item.int64("step");
			MlflowValidation.metric(key, value, timestamp);
			points.add(new Point(key, value, timestamp, step == null ? 0 : step));
		}
		var paramValues = keyValues(paramItems, false);
		var tagValues = keyValues(tagItems, true);
		var batch = points.isEmpty() ? null : batch(id, points);
		// One transaction, so the order is not observable; tags go before metrics because a run rename locks the run
		// row, and writers must lock the run before series rows (see MetricWriter).
		writeParams(orgId, id, paramValues, () -> {
			setTags(orgId, id, tagValues);
			if (batch != null) {
				writer.writeDistinct(orgId, id, batch);
			}
			return null;
		});
	}

	void logInputs(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var datasets = MlflowInputs.parse(in.messages("datasets"));
		tx.writeVoid(orgId, () -> inputs.log(orgId, requireActive(runs.get(orgId, id)), datasets));
	}

	/** MLflow's server records logged models in the run tag {@code mlflow.log-model.history} (a JSON list). */
	void logModel(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var modelJson = in.requiredString("model_json");
		JsonNode model;
		try {
			model = MlflowRequest.JSON.readTree(modelJson);
		}
		catch (RuntimeException e) {
			model = null;
		}
		if (model == null || !model.isObject()) {
			throw MlflowException.invalid("Malformed model info. \n " + Printable.abbreviate(modelJson, 200)
					+ " \n is not a valid JSON.");
		}
		var missing = new ArrayList<String>();
		for (var field : List.of("artifact_path", "flavors", "utc_time_created", "run_id")) {
			if (!model.has(field)) {
				missing.add("'" + field + "'");
			}
		}
		if (!missing.isEmpty()) {
			throw MlflowException.invalid("Model json is missing mandatory fields: {" + String.join(", ", missing) + "}");
		}
		var logged = model;
		tx.writeVoid(orgId, () -> {
			requireActive(runs.get(orgId, id));
			var previous = tags.tags(orgId, id).get(LOGGED_MODELS_TAG);
			ArrayNode history;
			try {
				history = previous == null ? MlflowJson.array()
						: (MlflowRequest.JSON.readTree(previous) instanceof ArrayNode array ? array : MlflowJson.array());
			}
			catch (RuntimeException e) {
				history = MlflowJson.array();
			}
			history.add(logged);
			var value = history.toString();
			MlflowValidation.runTag(LOGGED_MODELS_TAG, value);
			tags.set(orgId, id, Map.of(LOGGED_MODELS_TAG, value));
		});
	}

	/**
	 * Writes params (write-once) and then whatever else in one transaction; a param that already has another value
	 * fails the whole request with MLflow's INVALID_PARAMETER_VALUE and writes nothing.
	 */
	private void writeParams(OrgId orgId, RunId id, Map<String, String> values, Supplier<Object> then) {
		try {
			writing(orgId, id, () -> {
				if (!values.isEmpty()) {
					params.logParams(orgId, id, values);
				}
				return then.get();
			});
		}
		catch (ConflictException e) {
			var existing = params.params(orgId, id);
			for (var entry : values.entrySet()) {
				var old = existing.get(entry.getKey());
				if (old != null && !old.equals(entry.getValue())) {
					throw MlflowException.invalid("Changing param values is not allowed. Param with key='"
							+ Printable.abbreviate(entry.getKey(), 250) + "' was already logged with value='"
							+ Printable.abbreviate(old, 250) + "' for run ID='" + MlflowIds.hex(id)
							+ "'. Attempted logging new value '" + Printable.abbreviate(entry.getValue(), 250) + "'.");
				}
			}
			throw MlflowException.invalid(e.getMessage());
		}
	}

	/**
	 * Runs {@code work} as a write to the run. MLflow accepts data for any run that is not deleted, whatever its
	 * status; {@link Runs#writingToEnded} takes it for an ended run without reopening it (nobody sees it reopened, and
	 * its end time and tracked time stay as they were).
	 */
	private <T> T writing(OrgId orgId, RunId id, Supplier<T> work) {
		return tx.write(orgId, () -> {
			requireActive(runs.get(orgId, id));
			return runs.writingToEnded(orgId, id, work);
		});
	}

	private static Run requireActive(Run run) {
		if (run.deletedAt() != null) {
			throw MlflowException.invalid("The run " + MlflowIds.hex(run.id())
					+ " must be in the 'active' state. Current state is deleted.");
		}
		return run;
	}

	/** One metric point of a request, in request order. */
	private record Point(String key, double value, long timestamp, long step) {
	}

	/**
	 * The points as a batch for {@link MetricWriter}, one series per key in first-seen order. Its batch id makes a
	 * retried MLflow request (clients retry on timeouts and 5xx) a no-op: the same points for the same run always get
	 * the same id. MLflow's own SQL store drops exact duplicate points the same way.
	 */
	private static MetricBatch batch(RunId id, List<Point> points) {
		var series = new LinkedHashMap<String, SeriesPoints>();
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		digest.update(id.value().toString().getBytes(StandardCharsets.UTF_8));
		var buffer = ByteBuffer.allocate(24);
		for (var p : points) {
			series.computeIfAbsent(p.key(), k -> new SeriesPoints(k, 4)).add(p.step(), p.timestamp(), p.value());
			digest.update((byte) 0);
			digest.update(p.key().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			buffer.clear();
			buffer.putLong(Double.doubleToLongBits(p.value())).putLong(p.timestamp()).putLong(p.step());
			digest.update(buffer.array());
		}
		return new MetricBatch("mlflow-" + HexFormat.of().formatHex(digest.digest()), List.copyOf(series.values()));
	}

	// ------------------------------------------------------------------------------------------------ search

	ObjectNode search(OrgId orgId, MlflowRequest in) {
		var experimentIds = in.strings("experiment_ids");
		if (experimentIds.size() > MAX_SEARCH_EXPERIMENTS) {
			throw MlflowException.invalid("A search may name at most " + MAX_SEARCH_EXPERIMENTS + " experiments");
		}
		var maxResults = in.int64("max_results");
		if (maxResults != null && (maxResults < 1 || maxResults > MAX_SEARCH_RESULTS)) {
			throw MlflowException.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied. "
					+ "It must be at most " + MAX_SEARCH_RESULTS + " and at least 1.");
		}
		int limit = maxResults == null ? DEFAULT_SEARCH_RESULTS : maxResults.intValue();
		var lifecycle = switch (MlflowExperiments.ViewType.parse(in.string("run_view_type"))) {
			case ACTIVE_ONLY -> MultiProjectRunSearch.Lifecycle.ACTIVE_ONLY;
			case DELETED_ONLY -> MultiProjectRunSearch.Lifecycle.DELETED_ONLY;
			case ALL -> MultiProjectRunSearch.Lifecycle.ALL;
		};
		var filterText = MlflowFilter.toRunFilter(in.string("filter"));
		var filter = filterText == null ? null : RunFilter.parse(filterText);
		var orderItems = new ArrayList<String>();
		for (var item : in.strings("order_by")) {
			orderItems.add(MlflowFilter.toRunOrder(item));
		}
		var order = orderItems.isEmpty() ? RunOrder.DEFAULT : RunOrder.parse(orderItems);
		var projects = new LinkedHashSet<ProjectId>();
		for (var experimentId : experimentIds) {
			experiments.find(orgId, experimentId).ifPresent(projects::add);
		}
		var result = MlflowJson.object();
		if (projects.isEmpty()) {
			return result;
		}
		var page = search.search(orgId, new MultiProjectRunSearch.Request(List.copyOf(projects), filter, order, limit,
				emptyToNull(in.string("page_token")), lifecycle));
		if (!page.runs().isEmpty()) {
			var refs = experiments.refs(orgId, page.runs().stream().map(f -> f.run().projectId()).distinct().toList());
			var datasetInputs = inputs.of(orgId, page.runs().stream().map(f -> f.run().id().value()).toList());
			var array = result.putArray("runs");
			for (var found : page.runs()) {
				array.add(json(found, refs.get(found.run().projectId()), datasetInputs.get(found.run().id().value())));
			}
		}
		MlflowJson.putString(result, "next_page_token", page.nextPageToken());
		return result;
	}

	// ------------------------------------------------------------------------------------------------ views

	ObjectNode view(OrgId orgId, RunId id) {
		var run = runs.get(orgId, id);
		var found = new RunSearch.Found(run, params.params(orgId, id), tags.tags(orgId, id),
				byKey(series.seriesOf(orgId, id)));
		return json(found, experiments.ref(orgId, run.projectId()), inputs.of(orgId, List.of(id.value())).get(id.value()));
	}

	private static Map<String, SeriesReader.SeriesInfo> byKey(Collection<SeriesReader.SeriesInfo> infos) {
		var map = new LinkedHashMap<String, SeriesReader.SeriesInfo>();
		infos.forEach(info -> map.put(info.displayKey(), info));
		return map;
	}

	/** {@code Run{info, data{metrics (latest value per key), params, tags}, inputs}}. */
	static ObjectNode json(RunSearch.Found found, MlflowExperiments.Ref ref, List<MlflowInputs.DatasetInput> datasets) {
		var node = MlflowJson.object();
		node.set("info", info(found.run(), ref));
		var data = node.putObject("data");
		var metrics = found.metrics().values().stream().filter(m -> m.lastValue() != null).toList();
		if (!metrics.isEmpty()) {
			var array = data.putArray("metrics");
			for (var m : metrics) {
				var metric = array.addObject();
				metric.put("key", m.displayKey());
				MlflowJson.putDouble(metric, "value", m.lastValue());
				metric.put("timestamp", m.lastTimestamp());
				metric.put("step", m.lastStep());
			}
		}
		MlflowJson.putKeyValues(data, "params", found.params());
		MlflowJson.putKeyValues(data, "tags", found.tags());
		node.set("inputs", MlflowInputs.toJson(datasets));
		return node;
	}

	static ObjectNode info(Run run, MlflowExperiments.Ref ref) {
		var hex = MlflowIds.hex(run.id());
		var info = MlflowJson.object();
		info.put("run_id", hex);
		info.put("run_uuid", hex);
		info.put("run_name", run.name());
		info.put("experiment_id", ref.experimentId());
		info.put("user_id", run.createdBy());
		info.put("status", status(run.state()));
		info.put("start_time", run.startedAt().toEpochMilli());
		if (run.endedAt() != null) {
			info.put("end_time", run.endedAt().toEpochMilli());
		}
		info.put("artifact_uri", ref.artifactUri(hex));
		info.put("lifecycle_stage", run.deletedAt() == null ? MlflowExperiments.ACTIVE : MlflowExperiments.DELETED);
		return info;
	}

	/** Our states as MLflow statuses: CRASHED (no heartbeat) is FAILED. */
	static String status(RunState state) {
		return state == RunState.CRASHED ? "FAILED" : state.name();
	}

	/** An MLflow status (name or protobuf number) as our state: SCHEDULED is a run that has not ended, RUNNING. */
	static RunState status(String text) {
		if (text == null) {
			throw MlflowException.missing("status");
		}
		return switch (text.strip().toUpperCase(Locale.ROOT)) {
			case "RUNNING", "1", "SCHEDULED", "2" -> RunState.RUNNING;
			case "FINISHED", "3" -> RunState.FINISHED;
			case "FAILED", "4" -> RunState.FAILED;
			case "KILLED", "5" -> RunState.KILLED;
			default -> throw MlflowException.invalid("Invalid value '" + Printable.abbreviate(text)
					+ "' for parameter 'status' supplied. Use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");
		};
	}

	// ------------------------------------------------------------------------------------------------ helpers

	/** {@code [{key, value}]} entries; the last value of a repeated key wins. Validated as params or run tags. */
	private static Map<String, String> keyValues(List<MlflowRequest> items, boolean tagsNotParams) {
		var result = new LinkedHashMap<String, String>();
		var duplicates = new ArrayList<String>();
		for (var item : items) {
			var key = item.requiredString("key");
			var value = valueOrEmpty(item.string("value"));
			if (tagsNotParams) {
				MlflowValidation.runTag(key, value);
			}
			else {
				MlflowValidation.param(key, value);
				if (result.containsKey(key)) {
					duplicates.add(key);
				}
			}
			result.put(key, value);
		}
		if (!duplicates.isEmpty()) {
			throw MlflowException.invalid("Duplicate parameter keys have been submitted: " + duplicates
					+ ". Please ensure the request contains only one param value per param key.");
		}
		return result;
	}

	private static String valueOrEmpty(String value) {
		return value == null ? "" : value;
	}

	private static String emptyToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}
}
