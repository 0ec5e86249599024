package io.runledger.api.tracking.codec;

/**
 * Recognises doubles that are exactly {@code k / 10^e} for a long {@code k}, in float64 arithmetic
 * ({@code round(x, 4)} in Python, integer counters at e = 0) or in float32 arithmetic (an accuracy computed on the
 * GPU as {@code correct / 10000f}). Storing {@code k} turns ~20 bits of noisy mantissa into the handful of bits the
 * number actually has. The decode formula is a single IEEE division by an exactly representable power of ten, so it
 * is deterministic; the encoder runs that very formula on every value and keeps anything that does not reproduce
 * bit for bit as an exception.
 */
final class Decimal {

	static final int MAX_EXPONENT_64 = 17;

	static final int MAX_EXPONENT_32 = 10;

	/** Exact powers of ten (10^22 is the last one representable in a double, 10^10 in a float). */
	static final double[] POW64 = new double[MAX_EXPONENT_64 + 1];

	static final float[] POW32 = new float[MAX_EXPONENT_32 + 1];

	private static final int SAMPLES = 64;

	static {
		double p = 1;
		for (int e = 0; e <= MAX_EXPONENT_64; e++, p *= 10) {
			POW64[e] = p;
		}
		float q = 1;
		for (int e = 0; e <= MAX_EXPONENT_32; e++, q *= 10) {
			POW32[e] = q;
		}
	}

	private Decimal() {
	}

	static double value64(long k, int e) {
		return k / POW64[e];
	}

	static double value32(long k, int e) {
		return (float) k / POW32[e];
	}

	/** The k to store for {@code v} (callers verify with {@link #value64} / {@link #value32}). */
	static long mantissa(double v, int e, boolean float32) {
		return Math.round(v * (float32 ? POW32[e] : POW64[e]));
	}

	/** Returned by {@link #exactMantissa} for values that are not short decimals. */
	static final long NONE = Long.MIN_VALUE;

	/**
	 * The k with {@code v == k / 10^e} exactly, or {@link #NONE}. With enough digits every double (17) and every
	 * float (9) "is" a decimal, but k then carries as many bits as the mantissa it replaces, so only k below 2^50
	 * (15 digits, DBL_DIG) respectively 2^20 (6 digits, FLT_DIG) count.
	 */
	static long exactMantissa(long raw, double v, int e, boolean float32) {
		long k = mantissa(v, e, float32);
		long limit = float32 ? 1L << 20 : 1L << 50;
		return k > -limit && k < limit && reproduces(raw, k, e, float32) ? k : NONE;
	}

	static boolean fits(long raw, double v, int e, boolean float32) {
		return exactMantissa(raw, v, e, float32) != NONE;
	}

	static boolean reproduces(long raw, long k, int e, boolean float32) {
		double back = float32 ? value32(k, e) : value64(k, e);
		return Double.doubleToRawLongBits(back) == raw;
	}

	/**
	 * Picks the variant and exponent that reproduce the most of a sample of the values, or returns -1 when fewer
	 * than half of the sample fit. Encoded as {@code (float32 ? 0x100 : 0) | e}. A value fitting at e also fits at
	 * every larger e (10k / 10^(e+1) is the same rational), so the smallest fitting e per value is histogrammed.
	 */
	static int detect(long[] raw, int n) {
		int samples = Math.min(n, SAMPLES);
		int[] first64 = new int[MAX_EXPONENT_64 + 1];
		int[] first32 = new int[MAX_EXPONENT_32 + 1];
		for (int s = 0; s < samples; s++) {
			long bits = raw[(int) ((long) s * n / samples)];
			double v = Double.longBitsToDouble(bits);
			if (!Double.isFinite(v)) {
				continue;
			}
			for (int e = 0; e <= MAX_EXPONENT_64; e++) {
				if (fits(bits, v, e, false)) {
					first64[e]++;
					break;
				}
			}
			if (Double.doubleToRawLongBits((float) v) == bits) {
				for (int e = 0; e <= MAX_EXPONENT_32; e++) {
					if (fits(bits, v, e, true)) {
						first32[e]++;
						break;
					}
				}
			}
		}
		// most matches wins; among equals the smallest exponent, because a widened float32 often also "matches"
		// float64 at e = 16 with a useless 16-digit k
		int best = -1;
		int bestCount = (samples + 1) / 2 - 1;
		int bestExponent = Integer.MAX_VALUE;
		int count64 = 0;
		int count32 = 0;
		for (int e = 0; e <= MAX_EXPONENT_64; e++) {
			count64 += first64[e];
			if (count64 > bestCount || (count64 == bestCount && e < bestExponent)) {
				best = e;
				bestCount = count64;
				bestExponent = e;
			}
			if (e <= MAX_EXPONENT_32) {
				count32 += first32[e];
				if (count32 > bestCount || (count32 == bestCount && e < bestExponent)) {
					best = 0x100 | e;
					bestCount = count32;
					bestExponent = e;
				}
			}
		}
		return best;
	}

}
