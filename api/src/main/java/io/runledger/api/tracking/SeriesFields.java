package io.runledger.api.tracking;

import java.util.List;
import java.util.Set;

import io.runledger.tenancy.InvalidRequestException;

/** The arrays a chart query returns: all of its mode's by default, or the ones named (each checked against the mode). */
record SeriesFields(Set<String> names) {

	static final List<String> BUCKETS = List.of("start", "end", "count", "min", "max", "first", "last", "mean");

	static final List<String> POINTS = List.of("x", "y", "steps", "timestamps");

	static SeriesFields of(SeriesQueries.Mode mode, List<String> asked) {
		var allowed = mode == SeriesQueries.Mode.BUCKETS ? BUCKETS : POINTS;
		if (asked == null) {
			return new SeriesFields(Set.copyOf(allowed));
		}
		if (asked.isEmpty()) {
			throw new InvalidRequestException("fields must name at least one of " + String.join(", ", allowed));
		}
		for (var name : asked) {
			if (name == null || !allowed.contains(name)) {
				throw new InvalidRequestException("fields: '" + name + "' is not an array of mode " + mode
						+ "; choose from " + String.join(", ", allowed));
			}
		}
		return new SeriesFields(Set.copyOf(asked));
	}

	boolean has(String name) {
		return names.contains(name);
	}
}
