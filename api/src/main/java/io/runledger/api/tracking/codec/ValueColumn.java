package io.runledger.api.tracking.codec;

/**
 * The value column: every applicable representation is encoded and the smallest one is kept.
 *
 * <pre>
 * values := CONSTANT:u8  raw:8 bytes LE
 *         | BITS:u8      shift:u8  column(ordered(raw) &gt;&gt; shift)
 *         | DECIMAL64:u8 e:u8      column(k)  varint(exceptions) × (varint(position gap), raw:8 bytes LE)
 *         | DECIMAL32:u8 e:u8      ... same as DECIMAL64
 * </pre>
 *
 * <p>
 * BITS always applies. The sign-magnitude IEEE pattern is mapped to a two's-complement integer with the same order
 * as the doubles ({@code -0.0} and {@code +0.0} become the neighbours -1 and 0), so a noisy curve becomes a noisy
 * integer series that frame-of-reference packs in about the entropy of its noise, across exponent boundaries too,
 * where an XOR scheme restarts. Trailing mantissa zeros common to all values are shifted out first: a float32
 * widened to double has at least 29, so float32 metrics cost no more than if they were stored as float32, without
 * relying on float conversions (which may not preserve NaN payloads) to get back.
 */
final class ValueColumn {

	static final int CONSTANT = 0;

	static final int BITS = 1;

	static final int DECIMAL64 = 2;

	static final int DECIMAL32 = 3;

	private ValueColumn() {
	}

	static void encode(double[] values, int off, int n, LongColumn.Scratch scratch, ByteSink out) {
		long[] raw = new long[n];
		long differing = 0;
		long first = Double.doubleToRawLongBits(values[off]);
		long any = 0;
		for (int i = 0; i < n; i++) {
			long r = Double.doubleToRawLongBits(values[off + i]);
			raw[i] = r;
			differing |= r ^ first;
			any |= r;
		}
		if (differing == 0) {
			out.put(CONSTANT);
			out.putLong(first);
			return;
		}

		int mark = out.size();
		int shift = Math.min(63, Long.numberOfTrailingZeros(any));
		long magnitude = Long.MAX_VALUE >>> shift;
		long[] ordered = new long[n];
		for (int i = 0; i < n; i++) {
			long u = raw[i] >> shift;
			ordered[i] = u ^ ((u >> 63) & magnitude);
		}
		out.put(BITS);
		out.put(shift);
		LongColumn.encode(ordered, 0, n, scratch, out);
		int bitsSize = out.size() - mark;

		// under one bit per value there is nothing left for a decimal view to win
		int decimal = bitsSize * 8 < n ? -1 : Decimal.detect(raw, n);
		if (decimal >= 0) {
			ByteSink candidate = new ByteSink(bitsSize);
			if (encodeDecimal(raw, n, decimal, ordered, scratch, candidate) && candidate.size() < bitsSize) {
				out.truncate(mark);
				out.putAll(candidate);
			}
		}
	}

	/** Fails (returns false) when too many values are exceptions for the decimal view to stand a chance. */
	private static boolean encodeDecimal(long[] raw, int n, int decimal, long[] k, LongColumn.Scratch scratch,
			ByteSink out) {
		boolean float32 = (decimal & 0x100) != 0;
		int e = decimal & 0xFF;
		int exceptions = 0;
		long last = Long.MIN_VALUE;
		boolean seen = false;
		for (int i = 0; i < n; i++) {
			double v = Double.longBitsToDouble(raw[i]);
			long m = Decimal.exactMantissa(raw[i], v, e, float32);
			if (m != Decimal.NONE) {
				k[i] = m;
				if (!seen) {
					// leading exceptions copy the first good k so they do not disturb the differencing
					for (int j = 0; j < i; j++) {
						k[j] = m;
					}
					seen = true;
				}
				last = m;
			}
			else {
				k[i] = last;
				exceptions++;
			}
		}
		if (!seen || exceptions > n / 4) {
			return false;
		}
		out.put(float32 ? DECIMAL32 : DECIMAL64);
		out.put(e);
		LongColumn.encode(k, 0, n, scratch, out);
		out.putVarint(exceptions);
		int previous = 0;
		for (int i = 0; i < n; i++) {
			double v = Double.longBitsToDouble(raw[i]);
			if (!Decimal.fits(raw[i], v, e, float32)) {
				out.putVarint(i - previous);
				out.putLong(raw[i]);
				previous = i;
			}
		}
		return true;
	}

	/** Decodes into {@code values[at, at + n)}, using {@code scratch[at, at + n)} as integer workspace. */
	static void decode(ByteSource in, long[] scratch, double[] values, int at, int n) {
		int mode = in.u8();
		int end = at + n;
		switch (mode) {
			case CONSTANT -> {
				double v = Double.longBitsToDouble(in.longLE());
				for (int i = at; i < end; i++) {
					values[i] = v;
				}
			}
			case BITS -> {
				int shift = in.u8();
				if (shift > 63) {
					throw ByteSource.corrupt("value shift " + shift + " > 63");
				}
				LongColumn.decode(in, scratch, at, n);
				long magnitude = Long.MAX_VALUE >>> shift;
				for (int i = at; i < end; i++) {
					long o = scratch[i];
					values[i] = Double.longBitsToDouble((o ^ ((o >> 63) & magnitude)) << shift);
				}
			}
			case DECIMAL64, DECIMAL32 -> decodeDecimal(in, scratch, values, at, n, mode == DECIMAL32);
			default -> throw ByteSource.corrupt("unknown value encoding " + mode);
		}
	}

	private static void decodeDecimal(ByteSource in, long[] scratch, double[] values, int at, int n,
			boolean float32) {
		int e = in.u8();
		if (e > (float32 ? Decimal.MAX_EXPONENT_32 : Decimal.MAX_EXPONENT_64)) {
			throw ByteSource.corrupt("decimal exponent " + e + " out of range");
		}
		LongColumn.decode(in, scratch, at, n);
		int end = at + n;
		if (float32) {
			float p = Decimal.POW32[e];
			for (int i = at; i < end; i++) {
				values[i] = (float) scratch[i] / p;
			}
		}
		else if (e == 0) {
			for (int i = at; i < end; i++) {
				values[i] = scratch[i];
			}
		}
		else {
			double p = Decimal.POW64[e];
			for (int i = at; i < end; i++) {
				values[i] = scratch[i] / p;
			}
		}
		long exceptions = in.varint();
		if (exceptions < 0 || exceptions > n) {
			throw ByteSource.corrupt(Long.toUnsignedString(exceptions) + " decimal exceptions for " + n + " values");
		}
		long position = 0;
		for (int x = 0; x < exceptions; x++) {
			long gap = in.varint();
			position += gap;
			if (gap < 0 || position >= n) {
				throw ByteSource.corrupt("decimal exception position " + position + " >= " + n);
			}
			values[at + (int) position] = Double.longBitsToDouble(in.longLE());
		}
	}

}
