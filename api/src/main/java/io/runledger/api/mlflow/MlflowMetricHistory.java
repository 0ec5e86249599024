package io.runledger.api.mlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import io.runledger.api.tracking.PointCursor;
import io.runledger.api.tracking.SeriesReader;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric histories for MLflow clients, read through the engine's {@link SeriesReader} (so aliases and compaction are
 * invisible, as for the native API). Points come in (step, timestamp) order.
 */
@Component
class MlflowMetricHistory {

	static final int MAX_RUNS_BULK = 100;

	static final int MAX_RESULTS_PER_RUN = 2500;

	static final int MAX_RESULTS_GET_METRIC_HISTORY = 25_000;

	private final SeriesReader series;

	MlflowMetricHistory(SeriesReader series) {
		this.series = series;
	}

	/** {@code metrics/get-history}: all points, or pages of {@code max_results} with a {@code next_page_token}. */
	ObjectNode history(OrgId orgId, MlflowRequest in) {
		var id = MlflowIds.run(in.runId());
		var key = in.requiredString("metric_key");
		var maxResults = in.int64("max_results");
		if (maxResults != null && maxResults < 1) {
			throw MlflowException.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied. "
					+ "It must be at least 1.");
		}
		PointCursor after;
		try {
			after = PointCursor.decode(in.string("page_token"));
		}
		catch (InvalidRequestException e) {
			throw MlflowException.invalid("Invalid page token; pass back the next_page_token of the previous page");
		}
		var result = MlflowJson.object();
		var infos = series.resolve(orgId, List.of(id), List.of(key));
		if (infos.isEmpty()) {
			return result;
		}
		long from = after == null ? Long.MIN_VALUE : after.step();
		var c = series.load(orgId, infos, from, Long.MAX_VALUE).get(infos.getFirst().seriesId());
		int start = after == null ? 0 : after.skip(c);
		int end = maxResults == null ? c.size() : (int) Math.min(c.size(), start + Math.min(maxResults, Integer.MAX_VALUE));
		if (end > start) {
			var array = result.putArray("metrics");
			for (int i = start; i < end; i++) {
				point(array, key, c, i);
			}
		}
		if (end < c.size()) {
			result.put("next_page_token", PointCursor.after(c, end - 1));
		}
		return result;
	}

	/**
	 * {@code metrics/get-history-bulk-interval} (MLflow's UI charts), as MLflow's handler computes it: the union of the
	 * runs' steps in [start_step, end_step] (default 0 to the last step) sampled down to {@code max_results} evenly by
	 * index, plus each run's first and last step; then every point of each run at those steps (at most 25,000 a run).
	 */
	ObjectNode bulkInterval(OrgId orgId, MlflowRequest in) {
		var runIds = in.strings("run_ids");
		if (runIds.isEmpty()) {
			throw MlflowException.missing("run_ids");
		}
		if (runIds.size() > MAX_RUNS_BULK) {
			throw MlflowException.invalid("GetMetricHistoryBulkInterval request must specify at most " + MAX_RUNS_BULK
					+ " run_ids. Received " + runIds.size() + " run_ids.");
		}
		var key = in.requiredString("metric_key");
		var maxResults = in.int64("max_results");
		if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS_PER_RUN)) {
			throw MlflowException.invalid("max_results must be between 1 and " + MAX_RESULTS_PER_RUN + ".");
		}
		int max = maxResults == null ? MAX_RESULTS_PER_RUN : maxResults.intValue();
		var startStep = in.int64("start_step");
		var endStep = in.int64("end_step");
		if (startStep != null && endStep != null) {
			if (startStep > endStep) {
				throw MlflowException.invalid("end_step must be greater than start_step. Found start_step=" + startStep
						+ " and end_step=" + endStep + ".");
			}
		}
		else if (startStep != null || endStep != null) {
			throw MlflowException.invalid("If either start step or end step are specified, both must be specified.");
		}
		var ids = runIds.stream().map(MlflowIds::run).toList();
		var columns = columnsPerRun(orgId, ids, key);
		var allSteps = new TreeSet<Long>();
		var minsAndMaxes = new HashSet<Long>();
		for (var c : columns) {
			if (c.size() > 0) {
				for (int i = 0; i < c.size(); i++) {
					allSteps.add(c.steps()[i]);
				}
				minsAndMaxes.add(c.steps()[0]);
				minsAndMaxes.add(c.steps()[c.size() - 1]);
			}
		}
		long start = startStep == null ? 0 : startStep;
		long end = endStep == null ? (allSteps.isEmpty() ? 0 : allSteps.last()) : endStep;
		var sampled = sampledSteps(start, end, max, new ArrayList<>(allSteps));
		for (var step : minsAndMaxes) {
			if (start <= step && step <= end) {
				sampled.add(step);
			}
		}
		var result = MlflowJson.object();
		ArrayNode array = null;
		for (int r = 0; r < ids.size(); r++) {
			var c = columns.get(r);
			int emitted = 0;
			for (int i = 0; i < c.size() && emitted < MAX_RESULTS_GET_METRIC_HISTORY; i++) {
				if (sampled.contains(c.steps()[i])) {
					if (array == null) {
						array = result.putArray("metrics");
					}
					point(array, key, c, i).put("run_id", MlflowIds.hex(ids.get(r)));
					emitted++;
				}
			}
		}
		return result;
	}

	/**
	 * {@code metrics/get-history-bulk} (MLflow's UI, under /ajax-api): the points of one metric for several runs, runs
	 * in id order and each run's points by (timestamp, step, value), at most {@code max_results} (25,000) in all.
	 */
	ObjectNode bulk(OrgId orgId, MlflowRequest in) {
		var runIds = in.strings("run_id");
		if (runIds.isEmpty()) {
			throw MlflowException.invalid("GetMetricHistoryBulk request must specify at least one run_id.");
		}
		if (runIds.size() > MAX_RUNS_BULK) {
			throw MlflowException.invalid("GetMetricHistoryBulk request cannot specify more than " + MAX_RUNS_BULK
					+ " run_ids. Received " + runIds.size() + " run_ids.");
		}
		var key = in.string("metric_key");
		if (key == null) {
			throw MlflowException.invalid("GetMetricHistoryBulk request must specify a metric_key.");
		}
		var maxResults = in.int64("max_results");
		long max = maxResults == null ? MAX_RESULTS_GET_METRIC_HISTORY
				: Math.max(0, Math.min(maxResults, MAX_RESULTS_GET_METRIC_HISTORY));
		var ids = runIds.stream().map(MlflowIds::run).sorted(Comparator.comparing(MlflowIds::hex)).toList();
		var columns = columnsPerRun(orgId, ids, key);
		var result = MlflowJson.object();
		var array = result.putArray("metrics");
		long emitted = 0;
		for (int r = 0; r < ids.size() && emitted < max; r++) {
			var c = columns.get(r);
			var order = new Integer[c.size()];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			Arrays.sort(order, Comparator.<Integer>comparingLong(i -> c.timestamps()[i])
				.thenComparingLong(i -> c.steps()[i])
				.thenComparingDouble(i -> c.values()[i]));
			for (int i = 0; i < order.length && emitted < max; i++, emitted++) {
				point(array, key, c, order[i]).put("run_id", MlflowIds.hex(ids.get(r)));
			}
		}
		return result;
	}

	/** The full series of {@code key} of each run, in the runs' order; every run must exist. */
	private List<SeriesReader.Columns> columnsPerRun(OrgId orgId, List<RunId> ids, String key) {
		var infos = series.resolve(orgId, ids, List.of(key));
		var loaded = series.load(orgId, infos, Long.MIN_VALUE, Long.MAX_VALUE);
		var result = new ArrayList<SeriesReader.Columns>();
		for (var id : ids) {
			var info = infos.stream().filter(i -> i.runId().equals(id)).findFirst();
			result.add(info.map(i -> loaded.get(i.seriesId())).orElse(new SeriesReader.Columns(new long[0], new long[0], new double[0], 0)));
		}
		return result;
	}

	/**
	 * MLflow's {@code _get_sampled_steps_from_steps}: evenly by index, always with the last step of the range. (MLflow
	 * compares the absolute index with the number of steps in the range, which drops most samples of a range that does
	 * not start at the first step; here the index is compared with the end of the range, as intended.)
	 */
	static Set<Long> sampledSteps(long start, long end, int max, List<Long> allSteps) {
		int startIdx = lowerBound(allSteps, start);
		int endIdx = upperBound(allSteps, end);
		var sampled = new HashSet<Long>();
		if (endIdx - startIdx <= max) {
			sampled.addAll(allSteps.subList(startIdx, endIdx));
			return sampled;
		}
		int numSteps = endIdx - startIdx;
		double interval = (double) numSteps / max;
		for (int i = 0; i < max; i++) {
			int idx = startIdx + (int) (i * interval);
			if (idx < endIdx) {
				sampled.add(allSteps.get(idx));
			}
		}
		sampled.add(allSteps.get(endIdx - 1));
		return sampled;
	}

	private static int lowerBound(List<Long> sorted, long value) {
		int lo = 0;
		int hi = sorted.size();
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (sorted.get(mid) < value) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	private static int upperBound(List<Long> sorted, long value) {
		int lo = 0;
		int hi = sorted.size();
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (sorted.get(mid) <= value) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	private static ObjectNode point(ArrayNode array, String key, SeriesReader.Columns c, int i) {
		var metric = array.addObject();
		metric.put("key", key);
		MlflowJson.putDouble(metric, "value", c.values()[i]);
		metric.put("timestamp", c.timestamps()[i]);
		metric.put("step", c.steps()[i]);
		return metric;
	}
}
