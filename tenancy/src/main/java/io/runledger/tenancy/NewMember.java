package io.runledger.tenancy;

import java.util.Locale;
import java.util.regex.Pattern;

/** A person about to join an organisation. */
public record NewMember(UserId userId, String email, String displayName) {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

	public NewMember {
		if (userId == null) {
			throw new InvalidRequestException("userId is required");
		}
		if (email == null || !EMAIL.matcher(email).matches() || email.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException("email is not a valid address: '" + Printable.abbreviate(email) + "'");
		}
		email = email.toLowerCase(Locale.ROOT);
		displayName = Names.require(displayName == null || displayName.isBlank() ? email : displayName,
				"displayName");
	}
}
