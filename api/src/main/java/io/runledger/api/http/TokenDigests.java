package io.runledger.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What Redis keys and logs may hold in place of a secret: the first 128 bits of its SHA-256, in hex. */
final class TokenDigests {

	private TokenDigests() {
	}

	static String of(String secret) {
		try {
			var hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
