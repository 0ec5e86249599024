package io.runledger.api.tracking;

import java.util.Arrays;

/**
 * Pure functions that reduce a series for display. All take x sorted ascending. NaN values never win a min or max
 * but are counted, so a bucket of only NaN shows count > 0 with NaN min/max, which charts can render as a gap.
 */
public final class Sampling {

	private Sampling() {
	}

	/** Full-fidelity envelopes: per bucket of equal x width, count, min, max, first, last and mean. */
	public record Buckets(double[] start, double[] end, long[] count, double[] min, double[] max, double[] first,
			double[] last, double[] mean) {
	}

	static Buckets buckets(double[] x, double[] y, int size, int n, double lo, double hi) {
		return buckets(x, y, size, n, lo, hi, null);
	}

	/**
	 * The same, with large inputs split over {@code cores} (null: one thread) by ranges of buckets; every bucket is
	 * filled by exactly one part, from the same formula, so the answer does not depend on the split.
	 */
	static Buckets buckets(double[] x, double[] y, int size, int n, double lo, double hi, Cores cores) {
		if (n < 1) {
			throw new IllegalArgumentException("bucket count must be positive");
		}
		var start = new double[n];
		var end = new double[n];
		var count = new long[n];
		var min = new double[n];
		var max = new double[n];
		var first = new double[n];
		var last = new double[n];
		var sum = new double[n];
		var finite = new long[n];
		Arrays.fill(min, Double.NaN);
		Arrays.fill(max, Double.NaN);
		Arrays.fill(first, Double.NaN);
		Arrays.fill(last, Double.NaN);
		double width = hi > lo ? (hi - lo) / n : 1;
		for (int b = 0; b < n; b++) {
			start[b] = lo + b * width;
			end[b] = b == n - 1 ? hi : lo + (b + 1) * width;
		}
		// One bucket formula for both paths (multiplying by the inverse width), so they agree on points at edges.
		double scale = hi > lo ? n / (hi - lo) : 0;
		if (ascending(x, size)) {
			int firstIn = 0;
			while (firstIn < size && x[firstIn] < lo) {
				firstIn++;
			}
			int parts = cores == null ? 1 : Math.min(cores.parallelism(), n);
			if (parts <= 1) {
				fillSorted(x, y, size, n, lo, hi, scale, 0, n, firstIn, count, min, max, first, last, sum, finite);
			}
			else {
				int from = firstIn;
				cores.forEach(parts, size, p -> {
					int b0 = (int) ((long) n * p / parts);
					int b1 = (int) ((long) n * (p + 1) / parts);
					fillSorted(x, y, size, n, lo, hi, scale, b0, b1, firstOfBucket(x, size, from, lo, hi, scale, n, b0),
							count, min, max, first, last, sum, finite);
				});
			}
		}
		else {
			fillAnyOrder(x, y, size, n, lo, hi, scale, count, min, max, first, last, sum, finite);
		}
		var mean = new double[n];
		for (int b = 0; b < n; b++) {
			mean[b] = finite[b] == 0 ? Double.NaN : sum[b] / finite[b];
		}
		return new Buckets(start, end, count, min, max, first, last, mean);
	}

	/**
	 * The hot path (x ascending, as every axis delivers it): walk bucket by bucket over contiguous slices with the
	 * running min/max in registers. Plain comparisons skip NaN by themselves (every comparison with NaN is false),
	 * which keeps the loop free of calls.
	 */
	private static void fillSorted(double[] x, double[] y, int size, int n, double lo, double hi, double scale,
			int fromBucket, int toBucket, int fromIndex, long[] count, double[] min, double[] max, double[] first,
			double[] last, double[] sum, long[] finite) {
		int i = fromIndex;
		for (int b = fromBucket; b < toBucket && i < size && x[i] <= hi; b++) {
			int from = i;
			while (i < size && x[i] <= hi && bucket(x[i], lo, scale, n) == b) {
				i++;
			}
			if (i == from) {
				continue;
			}
			double mn = Double.POSITIVE_INFINITY;
			double mx = Double.NEGATIVE_INFINITY;
			double total = 0;
			long numbers = 0;
			long finiteCount = 0;
			for (int j = from; j < i; j++) {
				double v = y[j];
				if (v < mn) {
					mn = v;
				}
				if (v > mx) {
					mx = v;
				}
				if (v == v) {
					numbers++;
					if (v - v == 0) {
						total += v;
						finiteCount++;
					}
				}
			}
			count[b] = i - from;
			first[b] = y[from];
			last[b] = y[i - 1];
			if (numbers > 0) {
				// With at least one non-NaN value both are set (a bucket of only +Infinity leaves mn at +Infinity,
				// which is then its true minimum).
				min[b] = mn;
				max[b] = mx;
			}
			sum[b] = total;
			finite[b] = finiteCount;
		}
	}

	/**
	 * The first index at or after {@code from} (where x >= lo begins) whose point falls in bucket {@code b} or later,
	 * or lies beyond hi: a binary search, since x ascends and the bucket formula never decreases with x.
	 */
	private static int firstOfBucket(double[] x, int size, int from, double lo, double hi, double scale, int n, int b) {
		int low = from;
		int high = size;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (x[mid] > hi || bucket(x[mid], lo, scale, n) >= b) {
				high = mid;
			}
			else {
				low = mid + 1;
			}
		}
		return low;
	}

	private static int bucket(double x, double lo, double scale, int n) {
		int b = (int) ((x - lo) * scale);
		return b >= n ? n - 1 : b;
	}

	private static void fillAnyOrder(double[] x, double[] y, int size, int n, double lo, double hi, double scale,
			long[] count, double[] min, double[] max, double[] first, double[] last, double[] sum, long[] finite) {
		for (int i = 0; i < size; i++) {
			double xi = x[i];
			if (xi < lo || xi > hi) {
				continue;
			}
			int b = bucket(xi, lo, scale, n);
			double v = y[i];
			if (count[b] == 0) {
				first[b] = v;
			}
			count[b]++;
			last[b] = v;
			if (!Double.isNaN(v)) {
				min[b] = Double.isNaN(min[b]) ? v : Math.min(min[b], v);
				max[b] = Double.isNaN(max[b]) ? v : Math.max(max[b], v);
				if (Double.isFinite(v)) {
					sum[b] += v;
					finite[b]++;
				}
			}
		}
	}

	private static boolean ascending(double[] x, int size) {
		for (int i = 1; i < size; i++) {
			if (!(x[i] >= x[i - 1])) {
				return false;
			}
		}
		return true;
	}

	/** Largest-Triangle-Three-Buckets: n representative points that keep the visual shape; endpoints kept. */
	static int[] lttb(double[] x, double[] y, int size, int n) {
		if (n >= size) {
			return java.util.stream.IntStream.range(0, size).toArray();
		}
		if (n < 3) {
			return n == 1 ? new int[] { size - 1 } : new int[] { 0, size - 1 };
		}
		var picked = new int[n];
		double every = (double) (size - 2) / (n - 2);
		int a = 0;
		picked[0] = 0;
		for (int i = 0; i < n - 2; i++) {
			int avgStart = (int) Math.floor((i + 1) * every) + 1;
			int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, size);
			double avgX = 0;
			double avgY = 0;
			int avgCount = 0;
			for (int j = avgStart; j < avgEnd; j++) {
				if (Double.isFinite(y[j])) {
					avgX += x[j];
					avgY += y[j];
					avgCount++;
				}
			}
			if (avgCount > 0) {
				avgX /= avgCount;
				avgY /= avgCount;
			}
			int rangeStart = (int) Math.floor(i * every) + 1;
			int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
			double maxArea = -1;
			int next = rangeStart;
			for (int j = rangeStart; j < rangeEnd; j++) {
				double area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
				if (!Double.isFinite(y[j])) {
					area = Double.MAX_VALUE; // keep NaN/Inf visible: they are what people look for
				}
				if (area > maxArea) {
					maxArea = area;
					next = j;
				}
			}
			picked[i + 1] = next;
			a = next;
		}
		picked[n - 1] = size - 1;
		return picked;
	}

	/**
	 * Exponential moving average with TensorBoard's debiasing, weight in [0, 1) (0 = no smoothing). Non-finite
	 * values pass through unsmoothed and do not disturb the average.
	 */
	static double[] ema(double[] y, int size, double weight) {
		var out = new double[size];
		double last = 0;
		int finite = 0;
		for (int i = 0; i < size; i++) {
			double v = y[i];
			if (!Double.isFinite(v)) {
				out[i] = v;
				continue;
			}
			last = last * weight + (1 - weight) * v;
			finite++;
			double debias = 1 - Math.pow(weight, finite);
			out[i] = debias == 0 ? v : last / debias;
		}
		return out;
	}
}
