package io.runledger.api.tracking.codec;

import java.util.Arrays;

/**
 * A column of arbitrary longs: optional common-residue shift, then differencing of order 0..3 chosen per column by
 * estimated size, then {@link Blocks}. All arithmetic wraps, which makes every transform a bijection on 64-bit
 * values: extreme or non-monotonic input costs bits, never correctness.
 *
 * <pre>
 * column := header:u8 (bits 0-1 = order, bit 2 = shifted, bit 3 = uniform)
 *           [shift:u8 1..63, varint(residue)]          if shifted
 *           order × zigzag-varint(seed)
 *           zigzag-varint(residual)                    if uniform: all n - order residuals are equal
 *           | blocks over the n - order residuals      otherwise
 * </pre>
 *
 * <p>
 * Order 1 (delta) suits steps and timestamps: a constant stride packs in 0 bits and jitter costs only its own
 * range, where delta-of-delta would double the range. Orders 2 and 3 pay off on smooth curves such as a float64
 * cosine schedule read as integers. The residue shift strips low bits shared by every value (byte counts that are
 * multiples of 512, floats with short mantissas). The uniform form makes a regular step column a few bytes instead
 * of two per block.
 */
final class LongColumn {

	private LongColumn() {
	}

	/** Encoder scratch; one per encode call, sized to the chunk. */
	static final class Scratch {

		final long[] shifted;

		final long[] work;

		final Blocks.Planner planner = new Blocks.Planner();

		Scratch(int n) {
			this.shifted = new long[n];
			this.work = new long[n];
		}

	}

	static void encode(long[] x, int off, int n, Scratch s, ByteSink out) {
		long x0 = x[off];
		long differing = 0;
		for (int i = off; i < off + n; i++) {
			differing |= x[i] ^ x0;
		}
		int shift = differing == 0 ? 0 : Long.numberOfTrailingZeros(differing);
		long residue = x0 & ((1L << shift) - 1);
		long[] y = s.shifted;
		for (int i = 0; i < n; i++) {
			y[i] = (x[off + i] - residue) >> shift;
		}

		long[] a = s.work;
		System.arraycopy(y, 0, a, 0, n);
		Blocks.Planner planner = s.planner;
		int order = 0;
		int current = 0;
		long best = cost(a, 0, n, planner);
		planner.keepAsBest();
		for (int k = 1; k <= Math.min(3, n - 1); k++) {
			difference(a, k, n);
			current = k;
			long c = cost(a, k, n, planner);
			if (c >= best) {
				break; // sizes are unimodal in practice: once a higher order stops helping, the next won't either
			}
			best = c;
			order = k;
			planner.keepAsBest();
		}
		if (current != order) {
			System.arraycopy(y, 0, a, 0, n);
			for (int k = 1; k <= order; k++) {
				difference(a, k, n);
			}
		}

		boolean uniform = true;
		for (int i = order + 1; i < n && uniform; i++) {
			uniform = a[i] == a[order];
		}
		out.put(order | (shift > 0 ? 4 : 0) | (uniform ? 8 : 0));
		if (shift > 0) {
			out.put(shift);
			out.putVarint(residue);
		}
		for (int k = 0; k < order; k++) {
			out.putZigzag(a[k]);
		}
		if (uniform) {
			out.putZigzag(a[order]);
			return;
		}
		long previous = 0;
		for (int b = order, block = 0; b < n; b += Blocks.SIZE, block++) {
			long base = planner.bestBases[block];
			Blocks.write(a, b, Math.min(Blocks.SIZE, n - b), planner.bestWidths[block], base, previous, out);
			previous = base;
		}
	}

	static void decode(ByteSource in, long[] dst, int at, int n) {
		int header = in.u8();
		int order = header & 3;
		if ((header & ~15) != 0 || order > n - 1) {
			throw ByteSource.corrupt("bad column header " + header + " for " + n + " values");
		}
		int shift = 0;
		long residue = 0;
		if ((header & 4) != 0) {
			shift = in.u8();
			if (shift < 1 || shift > 63) {
				throw ByteSource.corrupt("column shift " + shift + " outside 1..63");
			}
			residue = in.varint();
		}
		for (int k = 0; k < order; k++) {
			dst[at + k] = in.zigzag();
		}
		int end = at + n;
		if ((header & 8) != 0) {
			Arrays.fill(dst, at + order, end, in.zigzag());
		}
		else {
			long base = 0;
			for (int b = order; b < n; b += Blocks.SIZE) {
				base = Blocks.read(in, base, dst, at + b, Math.min(Blocks.SIZE, n - b));
			}
		}
		for (int k = order - 1; k >= 0; k--) {
			long sum = dst[at + k];
			for (int i = at + k + 1; i < end; i++) {
				sum += dst[i];
				dst[i] = sum;
			}
		}
		if (shift > 0) {
			for (int i = at; i < end; i++) {
				dst[i] = (dst[i] << shift) + residue;
			}
		}
	}

	/** Raises the differencing order of {@code a} from k - 1 to k; entries below k are the seeds and stay put. */
	private static void difference(long[] a, int k, int n) {
		for (int i = n - 1; i >= k; i--) {
			a[i] -= a[i - 1];
		}
	}

	private static long cost(long[] a, int from, int n, Blocks.Planner planner) {
		long bits = 0;
		for (int k = 0; k < from; k++) {
			bits += 8L * ByteSink.varintSize(Zigzag.encode(a[k]));
		}
		long base = 0;
		for (int b = from, block = 0; b < n; b += Blocks.SIZE, block++) {
			bits += planner.plan(a, b, Math.min(Blocks.SIZE, n - b)) + 8
					+ 8L * ByteSink.varintSize(Zigzag.encode(planner.base - base));
			base = planner.base;
			planner.widths[block] = planner.width;
			planner.bases[block] = base;
		}
		return bits;
	}

}
