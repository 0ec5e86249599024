package io.runledger.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A growable, thread-safe list of measurements with percentiles (nearest rank). */
final class Samples {

	private double[] values = new double[1024];

	private int size;

	synchronized void add(double v) {
		if (Double.isNaN(v)) {
			return;
		}
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = v;
	}

	synchronized void addAll(Samples other) {
		double[] copy;
		int n;
		synchronized (other) {
			copy = other.values;
			n = other.size;
		}
		for (int i = 0; i < n; i++) {
			add(copy[i]);
		}
	}

	synchronized int size() {
		return size;
	}

	synchronized double percentile(double p) {
		if (size == 0) {
			return Double.NaN;
		}
		var sorted = Arrays.copyOf(values, size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * size);
		return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
	}

	/** count, p50, p90, p99, max (rounded to 3 decimals), or just count 0. */
	synchronized Map<String, Object> summary() {
		var m = new LinkedHashMap<String, Object>();
		m.put("count", size);
		if (size > 0) {
			m.put("p50", round(percentile(50)));
			m.put("p90", round(percentile(90)));
			m.put("p99", round(percentile(99)));
			m.put("max", round(percentile(100)));
		}
		return m;
	}

	static double round(double v) {
		if (Double.isNaN(v) || Double.isInfinite(v)) {
			return v;
		}
		double scale = Math.abs(v) >= 1000 ? 1 : Math.abs(v) >= 1 ? 1000 : 1_000_000;
		return Math.round(v * scale) / scale;
	}

	/** min, median, max of a few per-iteration figures. */
	static double[] minMedianMax(double[] figures) {
		var sorted = figures.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
		return new double[] { sorted[0], median, sorted[n - 1] };
	}
}
