package io.runledger.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A person. The same person has the same id in every organisation they belong to; it is derived from the identity
 * provider's subject so that SSO logins map onto it without a global users table.
 */
public record UserId(@JsonValue UUID value) {

	public UserId {
		Objects.requireNonNull(value, "user id");
	}

	public static UserId random() {
		return new UserId(UUID.randomUUID());
	}

	public static UserId parse(String text) {
		return new UserId(Ids.parse(text, "user id"));
	}

	/** A stable id for an external subject (issuer + subject), so a re-login never creates a second person. */
	public static UserId forSubject(String issuer, String subject) {
		return new UserId(UUID.nameUUIDFromBytes((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
