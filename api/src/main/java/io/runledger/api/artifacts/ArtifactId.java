package io.runledger.api.artifacts;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

public record ArtifactId(@JsonValue UUID value) {

	public ArtifactId {
		Objects.requireNonNull(value, "artifact id");
	}

	static ArtifactId random() {
		return new ArtifactId(UUID.randomUUID());
	}

	public static ArtifactId parse(String text) {
		return new ArtifactId(uuid(text, "artifact id"));
	}

	/** Canonical UUID text only (UUID.fromString also takes odd forms like "1-1-1-1-1"). */
	static UUID uuid(String text, String what) {
		try {
			if (text != null && text.length() == 36) {
				var uuid = UUID.fromString(text);
				if (uuid.toString().equalsIgnoreCase(text)) {
					return uuid;
				}
			}
		}
		catch (IllegalArgumentException ignored) {
			// answered below
		}
		throw new InvalidRequestException(what + " must be a UUID, got '" + Printable.abbreviate(text) + "'");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
