package io.runledger.api.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Share-link tokens: {@code rls_} and 192 bits from {@link SecureRandom}, URL-safe base64 (32 characters). Only the
 * SHA-256 of a token is stored; with that much randomness a fast hash is as safe as a slow one and keeps the lookup
 * to one index probe. The marker lets secret scanners recognise leaked links.
 */
final class ShareTokens {

	private static final Pattern FORMAT = Pattern.compile("rls_[A-Za-z0-9_-]{32}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private ShareTokens() {
	}

	static String generate() {
		var bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return "rls_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static boolean wellFormed(String token) {
		return token != null && FORMAT.matcher(token).matches();
	}

	/** Shown in listings so people can tell their links apart; 4 of 192 bits, of no use to a guesser. */
	static String prefixOf(String token) {
		return token.substring(0, 8);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
