package io.runledger.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A query string decoded as Tomcat decodes it (UTF-8, {@code +} is a space, names in order, repeated names keep every
 * value), except that bad percent-encoding is an error the caller words for its API instead of a silently dropped
 * parameter.
 */
public final class QueryStrings {

	private QueryStrings() {
	}

	/**
	 * @param badEncoding the exception for a name or value that is not valid percent-encoding, given the raw text
	 */
	public static Map<String, List<String>> parse(String query, Function<String, RuntimeException> badEncoding) {
		var result = new LinkedHashMap<String, List<String>>();
		if (query == null || query.isEmpty()) {
			return result;
		}
		for (var pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			var name = decode(eq < 0 ? pair : pair.substring(0, eq), badEncoding);
			var value = eq < 0 ? "" : decode(pair.substring(eq + 1), badEncoding);
			result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
		}
		return result;
	}

	private static String decode(String text, Function<String, RuntimeException> badEncoding) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw badEncoding.apply(text);
		}
	}
}
