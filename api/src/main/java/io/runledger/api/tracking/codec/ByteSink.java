package io.runledger.api.tracking.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Growable little-endian output buffer with LEB128 varints and an LSB-first bit packer. Bits are gathered in a
 * 64-bit accumulator and stored a word at a time, so packing costs a shift and an OR per value.
 */
final class ByteSink {

	private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private byte[] buf;

	private int pos;

	private long acc;

	private int fill;

	ByteSink(int capacity) {
		this.buf = new byte[Math.max(16, capacity)];
	}

	int size() {
		return this.pos;
	}

	/** Drops everything after the first {@code size} bytes (a candidate encoding that lost). */
	void truncate(int size) {
		this.pos = size;
	}

	void put(int b) {
		ensure(1);
		this.buf[this.pos++] = (byte) b;
	}

	/** Unsigned LEB128: small magnitudes (the common case after differencing) take one or two bytes. */
	void putVarint(long v) {
		ensure(10);
		while ((v & ~0x7FL) != 0) {
			this.buf[this.pos++] = (byte) ((v & 0x7F) | 0x80);
			v >>>= 7;
		}
		this.buf[this.pos++] = (byte) v;
	}

	void putZigzag(long v) {
		putVarint(Zigzag.encode(v));
	}

	void putLong(long v) {
		ensure(8);
		LONG_LE.set(this.buf, this.pos, v);
		this.pos += 8;
	}

	void putInt(int v) {
		ensure(4);
		for (int i = 0; i < 4; i++) {
			this.buf[this.pos++] = (byte) (v >>> (8 * i));
		}
	}

	/** Appends the low {@code width} bits of {@code v} (1..64; higher bits of {@code v} must be zero). */
	void bits(long v, int width) {
		this.acc |= v << this.fill;
		int next = this.fill + width;
		if (next >= 64) {
			ensure(8);
			LONG_LE.set(this.buf, this.pos, this.acc);
			this.pos += 8;
			// a shift by 64 is a no-op in Java, so a word-aligned value has no carry-over
			this.acc = this.fill == 0 ? 0 : v >>> (64 - this.fill);
			next -= 64;
		}
		this.fill = next;
	}

	/** Ends a bit run on a byte boundary; the reader relies on runs being exactly ceil(bits / 8) bytes. */
	void flushBits() {
		int bytes = (this.fill + 7) >>> 3;
		ensure(bytes);
		for (int i = 0; i < bytes; i++) {
			this.buf[this.pos++] = (byte) (this.acc >>> (8 * i));
		}
		this.acc = 0;
		this.fill = 0;
	}

	void putAll(ByteSink other) {
		ensure(other.pos);
		System.arraycopy(other.buf, 0, this.buf, this.pos, other.pos);
		this.pos += other.pos;
	}

	byte[] array() {
		return this.buf;
	}

	byte[] toArray() {
		return Arrays.copyOf(this.buf, this.pos);
	}

	private void ensure(int n) {
		if (this.pos + n > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, Math.max(this.buf.length * 2, this.pos + n));
		}
	}

	static int varintSize(long v) {
		return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7;
	}

}
