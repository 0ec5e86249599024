package io.runledger.api.tracking.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Patched frame-of-reference blocks: each block of up to {@link #SIZE} longs stores a base and a bit width, packs
 * {@code value - base} in exactly that many bits, and lists the few values that do not fit ("exceptions") after
 * the packed run. Exceptions keep one outlier (an eval pause between timestamps, a learning-rate drop, a NaN) from
 * widening all 128 slots of its block.
 *
 * <pre>
 * block := header:u8 (bit 7 = has exceptions, bits 0-6 = width 0..64)
 *          zigzag-varint(base - previous block's base)
 *          packed: ceil(len * width / 8) bytes, LSB-first
 *          [count:u8 1..len, then count × (position:u8, zigzag-varint(value - base))]
 * </pre>
 */
final class Blocks {

	static final int SIZE = 128;

	private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	/** Below this width, exceptions cannot pay for their position byte often enough to be worth the analysis. */
	private static final int MIN_WIDTH_FOR_EXCEPTIONS = 4;

	private Blocks() {
	}

	/**
	 * Chooses base and width for one block minimising its size. Two anchorings are tried: base at the minimum (high
	 * outliers become exceptions) and top at the maximum (low outliers become exceptions), from per-width histograms,
	 * so the search is linear in the block length. Reused across blocks to keep encoding allocation-free.
	 */
	static final class Planner {

		// two interleaved copies per histogram: consecutive values mostly hit the same bucket, and alternating
		// copies halves the chain of store-to-load forwarded increments that otherwise bounds the loop
		private final int[] fromMin = new int[130];

		private final int[] fromMax = new int[130];

		int width;

		long base;

		// per-block plans of the differencing order being costed, and of the best one so far, so the chosen order
		// is written without planning its blocks again
		int[] widths = new int[ChunkCodec.MAX_POINTS / SIZE];

		long[] bases = new long[ChunkCodec.MAX_POINTS / SIZE];

		int[] bestWidths = new int[ChunkCodec.MAX_POINTS / SIZE];

		long[] bestBases = new long[ChunkCodec.MAX_POINTS / SIZE];

		void keepAsBest() {
			int[] w = this.bestWidths;
			this.bestWidths = this.widths;
			this.widths = w;
			long[] b = this.bestBases;
			this.bestBases = this.bases;
			this.bases = b;
		}

		/** Plans {@code a[off, off + len)} and returns its estimated payload size in bits. */
		long plan(long[] a, int off, int len) {
			long min = a[off];
			long max = min;
			for (int i = off + 1; i < off + len; i++) {
				long v = a[i];
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			int full = bitWidth(max - min);
			this.width = full;
			this.base = min;
			long best = (long) len * full;
			if (full < MIN_WIDTH_FOR_EXCEPTIONS) {
				return best;
			}
			int[] lo = this.fromMin;
			int[] hi = this.fromMax;
			Arrays.fill(lo, 0);
			Arrays.fill(hi, 0);
			int end = off + len;
			int i = off;
			for (; i + 1 < end; i += 2) {
				long v = a[i];
				long w = a[i + 1];
				lo[bitWidth(v - min)]++;
				hi[bitWidth(max - v)]++;
				lo[65 + bitWidth(w - min)]++;
				hi[65 + bitWidth(max - w)]++;
			}
			if (i < end) {
				lo[bitWidth(a[i] - min)]++;
				hi[bitWidth(max - a[i])]++;
			}
			best = search(lo, len, full, best, min, max, false);
			return search(hi, len, full, best, min, max, true);
		}

		private long search(int[] histogram, int len, int full, long best, long min, long max, boolean fromTop) {
			long exceptionBits = 8; // the count byte
			for (int w = full - 1; w >= 0; w--) {
				// narrowing to w turns every value that needed exactly w + 1 bits into an exception
				int moved = histogram[w + 1] + histogram[65 + w + 1];
				exceptionBits += moved * (8L + 8L * ((w + 2 + 6) / 7));
				long cost = (long) len * w + exceptionBits;
				if (cost < best) {
					best = cost;
					this.width = w;
					this.base = fromTop ? max - ((1L << w) - 1) : min;
				}
			}
			return best;
		}

	}

	/** Writes a planned block (the next block's base is stored relative to this block's). */
	static void write(long[] a, int off, int len, int w, long base, long previousBase, ByteSink out) {
		int exceptions = 0;
		if (w < 64) {
			for (int i = off; i < off + len; i++) {
				if (((a[i] - base) >>> w) != 0) {
					exceptions++;
				}
			}
		}
		out.put(w | (exceptions > 0 ? 0x80 : 0));
		out.putZigzag(base - previousBase);
		if (w > 0) {
			for (int i = off; i < off + len; i++) {
				long d = a[i] - base;
				out.bits(w < 64 && (d >>> w) != 0 ? 0 : d, w);
			}
			out.flushBits();
		}
		if (exceptions > 0) {
			out.put(exceptions);
			for (int i = 0; i < len; i++) {
				long d = a[off + i] - base;
				if ((d >>> w) != 0) {
					out.put(i);
					out.putZigzag(d);
				}
			}
		}
	}

	/** Reads one block into {@code dst[off, off + len)} and returns its base. */
	static long read(ByteSource in, long previousBase, long[] dst, int off, int len) {
		int header = in.u8();
		int w = header & 0x7F;
		if (w > 64) {
			throw ByteSource.corrupt("block bit width " + w + " > 64");
		}
		long base = previousBase + in.zigzag();
		int bytes = (int) (((long) len * w + 7) >>> 3);
		int start = in.take(bytes);
		byte[] buf = in.buf;
		if (w == 0) {
			Arrays.fill(dst, off, off + len, base);
		}
		else if (w <= 56 && start + bytes + 7 <= buf.length) {
			// one unaligned 8-byte load per value: at most 7 bits of skew leave >= 57 valid bits
			long mask = (1L << w) - 1;
			for (int i = 0; i < len; i++) {
				int bit = i * w;
				long word = (long) LONG_LE.get(buf, start + (bit >>> 3));
				dst[off + i] = base + ((word >>> (bit & 7)) & mask);
			}
		}
		else {
			for (int i = 0; i < len; i++) {
				dst[off + i] = base + slowBits(buf, start, i * w, w);
			}
		}
		if ((header & 0x80) != 0) {
			int count = in.u8();
			if (count == 0 || count > len) {
				throw ByteSource.corrupt("block exception count " + count + " outside 1.." + len);
			}
			for (int k = 0; k < count; k++) {
				int position = in.u8();
				if (position >= len) {
					throw ByteSource.corrupt("block exception position " + position + " >= " + len);
				}
				dst[off + position] = base + in.zigzag();
			}
		}
		return base;
	}

	/** Byte-at-a-time extraction for widths above 56 and for runs too close to the end of the array. */
	private static long slowBits(byte[] buf, int start, int bit, int w) {
		long v = 0;
		int got = 0;
		while (got < w) {
			int at = bit + got;
			int shift = at & 7;
			int take = Math.min(8 - shift, w - got);
			long part = ((buf[start + (at >>> 3)] & 0xFF) >>> shift) & ((1L << take) - 1);
			v |= part << got;
			got += take;
		}
		return v;
	}

	static int bitWidth(long unsigned) {
		return 64 - Long.numberOfLeadingZeros(unsigned);
	}

}
