package io.runledger.api.artifacts;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A large file that exists nowhere: byte {@code i} is a pure function of the seed and {@code i}, so any range can be
 * streamed on demand and its SHA-256 computed without ever holding more than one 64 KiB block.
 */
record GeneratedBytes(long seed, long size) {

	static final int BLOCK = 64 * 1024;

	/** The bytes [from, from + length) as a stream. */
	InputStream range(long from, long length) {
		return new InputStream() {

			private long position = from;

			private final long end = from + length;

			private final byte[] block = new byte[BLOCK];

			private long blockIndex = -1;

			@Override
			public int read() {
				var one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int offset, int len) {
				if (position >= end) {
					return -1;
				}
				long index = position / BLOCK;
				if (index != blockIndex) {
					fill(index, block);
					blockIndex = index;
				}
				int within = (int) (position % BLOCK);
				int n = (int) Math.min(Math.min(len, BLOCK - within), end - position);
				System.arraycopy(block, within, buffer, offset, n);
				position += n;
				return n;
			}
		};
	}

	private void fill(long index, byte[] block) {
		var random = new SplittableRandom(seed * 1_000_003L + index);
		for (int i = 0; i < BLOCK; i += 8) {
			long v = random.nextLong();
			for (int b = 0; b < 8; b++) {
				block[i + b] = (byte) (v >>> (8 * b));
			}
		}
	}

	String sha256() {
		return sha256(range(0, size));
	}

	/** The SHA-256 of a stream, read to its end in blocks. */
	static String sha256(InputStream stream) {
		try (var in = stream) {
			var digest = MessageDigest.getInstance("SHA-256");
			var buffer = new byte[BLOCK];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
