package io.runledger.tenancy;

/** Echoes client input back in error messages without letting it flood or forge the message. */
public final class Printable {

	private Printable() {
	}

	public static String abbreviate(String text) {
		return abbreviate(text, 64);
	}

	public static String abbreviate(String text, int max) {
		if (text == null) {
			return "null";
		}
		var cleaned = new StringBuilder();
		text.codePoints().limit(max).forEach(cp -> cleaned.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
		return text.codePointCount(0, text.length()) > max ? cleaned + "…" : cleaned.toString();
	}
}
