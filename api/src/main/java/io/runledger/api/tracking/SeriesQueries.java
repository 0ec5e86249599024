package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;

/**
 * Chart reads: many runs × many keys, on a chosen x axis, raw or reduced server-side (full-fidelity bucket envelopes
 * or LTTB), optionally EMA-smoothed over the full-resolution points before reduction.
 */
@Component
public class SeriesQueries {

	static final int MAX_SERIES = 10_000;

	public static final int MAX_SAMPLE_POINTS = 10_000;

	static final long MAX_RAW_POINTS = 200_000;

	private final SeriesReader reader;

	private final Runs runs;

	private final Cores cores;

	SeriesQueries(SeriesReader reader, Runs runs, Cores cores) {
		this.reader = reader;
		this.runs = runs;
		this.cores = cores;
	}

	public enum Mode {
		RAW, BUCKETS, LTTB
	}

	public record Query(List<RunId> runIds, List<String> keys, String xAxis, Mode mode, int points, Double smoothing,
			long minStep, long maxStep, Double xMin, Double xMax) {

		public Query {
			if (runIds == null || runIds.isEmpty()) {
				throw new InvalidRequestException("runIds must name at least one run");
			}
			if (keys == null || keys.isEmpty()) {
				throw new InvalidRequestException("keys must name at least one metric");
			}
			if ((long) runIds.size() * keys.size() > MAX_SERIES) {
				throw new InvalidRequestException("at most " + MAX_SERIES + " series (runs × keys) per query");
			}
			if (points < 1 || points > MAX_SAMPLE_POINTS) {
				throw new InvalidRequestException("points must be between 1 and " + MAX_SAMPLE_POINTS);
			}
			if (smoothing != null && !(smoothing >= 0 && smoothing < 1)) {
				throw new InvalidRequestException("smoothing must be an EMA weight in [0, 1)");
			}
			if (minStep > maxStep) {
				throw new InvalidRequestException("minStep must not exceed maxStep");
			}
			if (xMin != null && xMax != null && xMin > xMax) {
				throw new InvalidRequestException("xMin must not exceed xMax");
			}
			xAxis = xAxis == null ? "step" : xAxis;
			if (!(xAxis.equals("step") || xAxis.equals("timestamp") || xAxis.equals("relative")
					|| (xAxis.startsWith("metric:") && xAxis.length() > 7))) {
				throw new InvalidRequestException(
						"xAxis must be step, timestamp, relative or metric:<key>, got '" + xAxis + "'");
			}
		}
	}

	/** One series of the answer; exactly one of (x, y) or buckets is set, by mode. */
	public record Result(RunId runId, String key, long pointCount, double[] x, double[] y, long[] steps, long[] timestamps,
			Sampling.Buckets buckets) {
	}

	public List<Result> query(OrgId orgId, Query q) {
		var xMetric = q.xAxis().startsWith("metric:") ? q.xAxis().substring(7) : null;
		var keys = new ArrayList<>(q.keys());
		if (xMetric != null && !keys.contains(xMetric)) {
			keys.add(xMetric);
		}
		var infos = reader.resolve(orgId, q.runIds(), keys);
		var columns = reader.load(orgId, infos, q.minStep(), q.maxStep());
		var byRunKey = new HashMap<String, SeriesReader.SeriesInfo>();
		infos.forEach(info -> byRunKey.put(info.runId() + "\n" + info.displayKey(), info));
		var startedAt = new HashMap<RunId, Long>();
		if (q.xAxis().equals("relative")) {
			q.runIds().forEach(id -> startedAt.put(id, runs.get(orgId, id).startedAt().toEpochMilli()));
		}
		long rawPoints = 0;
		var results = new ArrayList<Result>();
		for (var runId : q.runIds()) {
			for (var key : q.keys()) {
				var info = byRunKey.get(runId + "\n" + key);
				if (info == null) {
					continue;
				}
				var c = columns.get(info.seriesId());
				var xy = axis(q, c, xMetric == null ? null : columns.get(idOf(byRunKey, runId, xMetric)),
						startedAt.get(runId));
				if (q.smoothing() != null && q.smoothing() > 0) {
					xy = new XY(xy.x, Sampling.ema(xy.y, xy.size, q.smoothing()), xy.steps, xy.timestamps, xy.size);
				}
				xy = xy.within(q.xMin(), q.xMax());
				switch (q.mode()) {
					case RAW -> {
						rawPoints += xy.size;
						if (rawPoints > MAX_RAW_POINTS) {
							throw new InvalidRequestException("raw mode returns at most " + MAX_RAW_POINTS
									+ " points per query; use mode BUCKETS or LTTB, narrow the range, or page one series"
									+ " with GET /api/v1/runs/{runId}/points");
						}
						results.add(new Result(runId, key, xy.size, xy.x, xy.y, xy.steps, xy.timestamps, null));
					}
					case LTTB -> {
						var picked = Sampling.lttb(xy.x, xy.y, xy.size, q.points());
						results.add(new Result(runId, key, xy.size, pick(xy.x, picked), pick(xy.y, picked),
								pick(xy.steps, picked), pick(xy.timestamps, picked), null));
					}
					case BUCKETS -> {
						// Points arrive sorted by x, so the data's range is its first and last x.
						double lo = q.xMin() != null ? q.xMin() : xy.size == 0 ? 0 : xy.x[0];
						double hi = q.xMax() != null ? q.xMax() : xy.size == 0 ? 0 : xy.x[xy.size - 1];
						results.add(new Result(runId, key, xy.size, null, null, null, null,
								Sampling.buckets(xy.x, xy.y, xy.size, Math.min(q.points(), Math.max(1, xy.size)), lo,
										hi, cores)));
					}
				}
			}
		}
		return results;
	}

	private static long idOf(HashMap<String, SeriesReader.SeriesInfo> byRunKey, RunId runId, String key) {
		var info = byRunKey.get(runId + "\n" + key);
		return info == null ? -1 : info.seriesId();
	}

	/** Points on the chosen x axis, sorted by x. */
	private record XY(double[] x, double[] y, long[] steps, long[] timestamps, int size) {

		XY within(Double lo, Double hi) {
			if (lo == null && hi == null) {
				return this;
			}
			int from = 0;
			while (from < size && lo != null && x[from] < lo) {
				from++;
			}
			int to = size;
			while (to > from && hi != null && x[to - 1] > hi) {
				to--;
			}
			return new XY(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
					Arrays.copyOfRange(steps, from, to), Arrays.copyOfRange(timestamps, from, to), to - from);
		}
	}

	private static XY axis(Query q, SeriesReader.Columns c, SeriesReader.Columns xSeries, Long startedAt) {
		int n = c.size();
		var x = new double[n];
		switch (q.xAxis()) {
			case "step" -> {
				for (int i = 0; i < n; i++) {
					x[i] = c.steps()[i];
				}
			}
			case "timestamp", "relative" -> {
				long offset = startedAt == null ? 0 : startedAt;
				for (int i = 0; i < n; i++) {
					x[i] = c.timestamps()[i] - offset;
				}
				return sortedByX(x, c.values(), c.steps(), c.timestamps(), n);
			}
			default -> {
				return alignedOnSteps(c, xSeries == null ? SeriesReader.Columns.EMPTY : xSeries);
			}
		}
		return new XY(x, c.values(), c.steps(), c.timestamps(), n);
	}

	/** Metric-vs-metric: pairs points of equal step; where a step repeats, its last value is used. */
	private static XY alignedOnSteps(SeriesReader.Columns y, SeriesReader.Columns x) {
		var xs = new double[y.size()];
		var ys = new double[y.size()];
		var steps = new long[y.size()];
		var timestamps = new long[y.size()];
		int n = 0;
		int j = 0;
		for (int i = 0; i < y.size(); i++) {
			long step = y.steps()[i];
			while (j < x.size() && x.steps()[j] < step) {
				j++;
			}
			int k = j;
			while (k + 1 < x.size() && x.steps()[k + 1] == step) {
				k++;
			}
			if (k < x.size() && x.steps()[k] == step && !Double.isNaN(x.values()[k])) {
				xs[n] = x.values()[k];
				ys[n] = y.values()[i];
				steps[n] = step;
				timestamps[n] = y.timestamps()[i];
				n++;
			}
		}
		return sortedByX(xs, ys, steps, timestamps, n);
	}

	private static XY sortedByX(double[] x, double[] y, long[] steps, long[] timestamps, int n) {
		boolean sorted = true;
		for (int i = 1; i < n && sorted; i++) {
			sorted = x[i] >= x[i - 1];
		}
		if (sorted) {
			return new XY(x, y, steps, timestamps, n);
		}
		var order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
		var sx = new double[n];
		var sy = new double[n];
		var ss = new long[n];
		var st = new long[n];
		for (int i = 0; i < n; i++) {
			sx[i] = x[order[i]];
			sy[i] = y[order[i]];
			ss[i] = steps[order[i]];
			st[i] = timestamps[order[i]];
		}
		return new XY(sx, sy, ss, st, n);
	}

	private static double[] pick(double[] a, int[] idx) {
		var out = new double[idx.length];
		for (int i = 0; i < idx.length; i++) {
			out[i] = a[idx[i]];
		}
		return out;
	}

	private static long[] pick(long[] a, int[] idx) {
		var out = new long[idx.length];
		for (int i = 0; i < idx.length; i++) {
			out[i] = a[idx[i]];
		}
		return out;
	}
}
