package io.runledger.api.reports;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import io.runledger.tenancy.InvalidRequestException;

public record ReportId(UUID value) {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	public ReportId {
		Objects.requireNonNull(value, "report id");
	}

	static ReportId random() {
		return new ReportId(UUID.randomUUID());
	}

	static ReportId parse(String text) {
		return new ReportId(uuid(text, "report id"));
	}

	/** Canonical UUIDs only, like the tenancy ids (UUID.fromString accepts odd forms like "1-1-1-1-1"). */
	static UUID uuid(String text, String what) {
		if (text == null || !UUID_TEXT.matcher(text).matches()) {
			throw new InvalidRequestException(what + " must be a UUID");
		}
		return UUID.fromString(text);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
