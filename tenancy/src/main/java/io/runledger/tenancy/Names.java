package io.runledger.tenancy;

/** Validation of free-text display names shared by organisations, projects and members. */
public final class Names {

	public static final int MAX_LENGTH = 200;

	private Names() {
	}

	public static String require(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidRequestException(field + " must not be blank");
		}
		if (value.length() > MAX_LENGTH) {
			throw new InvalidRequestException(field + " must be at most " + MAX_LENGTH + " characters");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException(field + " must not contain control characters");
		}
		return value.strip();
	}
}
