package io.runledger.api.tracking.codec;

/** Maps signed to unsigned so that small magnitudes of either sign get short varints. */
final class Zigzag {

	private Zigzag() {
	}

	static long encode(long v) {
		return (v << 1) ^ (v >> 63);
	}

	static long decode(long z) {
		return (z >>> 1) ^ -(z & 1);
	}

}
