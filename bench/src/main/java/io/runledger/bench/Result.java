package io.runledger.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One workload's entry in latest.json and its line in RESULTS.md. */
final class Result {

	final String name;

	String unit;

	double min = Double.NaN, median = Double.NaN, max = Double.NaN;

	boolean higherIsBetter = true;

	String baselineName;

	double baselineMedian = Double.NaN;

	double ratio = Double.NaN;

	Double target;

	/** A second target on the ratio (e.g. at least 2× the COPY baseline). */
	Double targetRatio;

	Boolean met;

	String skipped;

	String error;

	double peakRssMiB = Double.NaN;

	/** A short human note for the table (p99 latency, data-set size, QUICK reductions). */
	String note;

	final Map<String, Object> details = new LinkedHashMap<>();

	Result(String name) {
		this.name = name;
	}

	static Result skipped(String name, String why) {
		var r = new Result(name);
		r.skipped = why;
		return r;
	}

	void figures(double[] perIteration) {
		var mmm = Samples.minMedianMax(perIteration);
		min = Samples.round(mmm[0]);
		median = Samples.round(mmm[1]);
		max = Samples.round(mmm[2]);
	}

	void baseline(String name, double baselineMedian) {
		this.baselineName = name;
		this.baselineMedian = Samples.round(baselineMedian);
		if (baselineMedian > 0 && !Double.isNaN(median)) {
			this.ratio = Math.round(median / baselineMedian * 1000) / 1000.0;
		}
	}

	/** met: the figure reaches the target (and the ratio its target, when there is one). */
	void judge() {
		if (target == null || Double.isNaN(median)) {
			return;
		}
		boolean ok = higherIsBetter ? median >= target : median <= target;
		if (targetRatio != null) {
			ok &= !Double.isNaN(ratio) && (higherIsBetter ? ratio >= targetRatio : ratio <= targetRatio);
		}
		met = ok;
	}

	ObjectNode toJson() {
		var n = Http.JSON.createObjectNode();
		n.put("name", name);
		if (skipped != null) {
			n.put("skipped", skipped);
			return n;
		}
		if (error != null) {
			n.put("error", error);
		}
		if (unit != null) {
			n.put("unit", unit);
		}
		num(n, "min", min);
		num(n, "median", median);
		num(n, "max", max);
		if (baselineName != null) {
			var b = n.putObject("baseline");
			b.put("name", baselineName);
			num(b, "median", baselineMedian);
		}
		num(n, "ratio", ratio);
		if (target != null) {
			n.put("target", target);
		}
		if (targetRatio != null) {
			n.put("targetRatio", targetRatio);
		}
		if (unit != null) {
			n.put("higherIsBetter", higherIsBetter);
		}
		if (met != null) {
			n.put("met", met);
		}
		num(n, "peakRssMiB", peakRssMiB);
		if (note != null) {
			n.put("note", note);
		}
		if (!details.isEmpty()) {
			n.set("details", Http.JSON.valueToTree(details));
		}
		return n;
	}

	private static void num(ObjectNode n, String field, double v) {
		if (!Double.isNaN(v) && !Double.isInfinite(v)) {
			if (v == Math.rint(v) && Math.abs(v) < 1e15) {
				n.put(field, (long) v);
			}
			else {
				n.put(field, v);
			}
		}
	}
}
