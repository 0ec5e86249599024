package io.runledger.api.tracking.codec;

import java.util.Arrays;
import java.util.Objects;

/** Decoded points as three parallel arrays of equal length. */
public record Points(long[] steps, long[] timestamps, double[] values) {

	public Points {
		Objects.requireNonNull(steps, "steps");
		Objects.requireNonNull(timestamps, "timestamps");
		Objects.requireNonNull(values, "values");
		if (steps.length != timestamps.length || steps.length != values.length) {
			throw new IllegalArgumentException("steps, timestamps and values must have equal lengths, got "
					+ steps.length + ", " + timestamps.length + ", " + values.length);
		}
	}

	public int size() {
		return this.steps.length;
	}

	// records compare arrays by identity; points are data, so compare contents (values by bit pattern)
	@Override
	public boolean equals(Object o) {
		return o instanceof Points p && Arrays.equals(this.steps, p.steps)
				&& Arrays.equals(this.timestamps, p.timestamps) && rawBitsEqual(this.values, p.values);
	}

	@Override
	public int hashCode() {
		int h = Arrays.hashCode(this.steps);
		h = 31 * h + Arrays.hashCode(this.timestamps);
		for (double v : this.values) {
			h = 31 * h + Long.hashCode(Double.doubleToRawLongBits(v));
		}
		return h;
	}

	@Override
	public String toString() {
		return "Points[size=" + size() + "]";
	}

	private static boolean rawBitsEqual(double[] a, double[] b) {
		if (a.length != b.length) {
			return false;
		}
		for (int i = 0; i < a.length; i++) {
			if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
				return false;
			}
		}
		return true;
	}

}
