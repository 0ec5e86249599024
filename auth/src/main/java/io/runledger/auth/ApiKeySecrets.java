package io.runledger.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The key format: {@code rl_<12 chars>_<32 chars>}, base62. The {@code rl_} marker lets secret scanners recognise
 * leaked keys; the first part is the public prefix shown in listings.
 */
final class ApiKeySecrets {

	static final Pattern FORMAT = Pattern.compile("rl_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");

	private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		.toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeySecrets() {
	}

	static String generate() {
		return "rl_" + randomChars(12) + "_" + randomChars(32);
	}

	static String prefixOf(String secret) {
		return secret.substring(0, 15);
	}

	static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}

	static boolean looksLikeKey(String presented) {
		return presented != null && FORMAT.matcher(presented).matches();
	}

	private static String randomChars(int count) {
		var chars = new char[count];
		for (int i = 0; i < count; i++) {
			chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(chars);
	}
}
