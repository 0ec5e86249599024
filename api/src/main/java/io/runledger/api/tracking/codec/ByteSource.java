package io.runledger.api.tracking.codec;

/**
 * Bounds-checked reader over {@code buf[pos, end)}. Every read validates against {@code end}, so a truncated or
 * corrupted chunk fails with an {@link IllegalArgumentException} instead of reading neighbouring bytes or looping.
 */
final class ByteSource {

	final byte[] buf;

	final int end;

	int pos;

	ByteSource(byte[] buf, int pos, int end) {
		this.buf = buf;
		this.pos = pos;
		this.end = end;
	}

	int u8() {
		if (this.pos >= this.end) {
			throw corrupt("unexpected end of data at byte " + this.pos);
		}
		return this.buf[this.pos++] & 0xFF;
	}

	long varint() {
		long v = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			int b = u8();
			v |= (long) (b & 0x7F) << shift;
			if (b < 0x80) {
				return v;
			}
		}
		throw corrupt("varint longer than 10 bytes at byte " + this.pos);
	}

	long zigzag() {
		return Zigzag.decode(varint());
	}

	long longLE() {
		int at = take(8);
		long v = 0;
		for (int i = 7; i >= 0; i--) {
			v = (v << 8) | (this.buf[at + i] & 0xFF);
		}
		return v;
	}

	/** Claims the next {@code n} bytes and returns their start offset in {@link #buf}. */
	int take(int n) {
		if (n < 0 || n > this.end - this.pos) {
			throw corrupt("needs " + n + " bytes at byte " + this.pos + " but only " + (this.end - this.pos)
					+ " remain");
		}
		int at = this.pos;
		this.pos += n;
		return at;
	}

	static IllegalArgumentException corrupt(String detail) {
		return new IllegalArgumentException("Corrupt metric chunk: " + detail);
	}

}
