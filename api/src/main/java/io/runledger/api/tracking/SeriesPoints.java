package io.runledger.api.tracking;

import java.util.Arrays;

/**
 * The points of one metric series in column form. Built once per request by the parser and then only read; growth
 * uses plain arrays because boxing a million doubles would cost more than storing them.
 */
public final class SeriesPoints {

	final String key;

	long[] steps;

	long[] timestamps;

	double[] values;

	int size;

	public SeriesPoints(String key, int capacity) {
		this.key = key;
		this.steps = new long[Math.max(capacity, 4)];
		this.timestamps = new long[Math.max(capacity, 4)];
		this.values = new double[Math.max(capacity, 4)];
	}

	SeriesPoints(String key, long[] steps, long[] timestamps, double[] values) {
		this.key = key;
		this.steps = steps;
		this.timestamps = timestamps;
		this.values = values;
		this.size = steps.length;
	}

	public void add(long step, long timestamp, double value) {
		if (size == steps.length) {
			int capacity = size * 2;
			steps = Arrays.copyOf(steps, capacity);
			timestamps = Arrays.copyOf(timestamps, capacity);
			values = Arrays.copyOf(values, capacity);
		}
		steps[size] = step;
		timestamps[size] = timestamp;
		values[size] = value;
		size++;
	}

	/** True when the points already ascend by (step, timestamp), the usual case, which lets us skip sorting. */
	boolean sorted() {
		for (int i = 1; i < size; i++) {
			if (steps[i] < steps[i - 1] || (steps[i] == steps[i - 1] && timestamps[i] < timestamps[i - 1])) {
				return false;
			}
		}
		return true;
	}

	/** Sorts by (step, timestamp), stable, so equal points keep their logged order. */
	void sort() {
		if (sorted()) {
			return;
		}
		var order = new Integer[size];
		for (int i = 0; i < size; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> steps[a] != steps[b] ? Long.compare(steps[a], steps[b])
				: Long.compare(timestamps[a], timestamps[b]));
		var s = new long[size];
		var t = new long[size];
		var v = new double[size];
		for (int i = 0; i < size; i++) {
			s[i] = steps[order[i]];
			t[i] = timestamps[order[i]];
			v[i] = values[order[i]];
		}
		steps = s;
		timestamps = t;
		values = v;
	}
}
