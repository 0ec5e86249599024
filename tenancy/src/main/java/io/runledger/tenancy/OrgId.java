package io.runledger.tenancy;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** The tenant's identity. Every row of every module carries it. */
public record OrgId(@JsonValue UUID value) {

	public OrgId {
		Objects.requireNonNull(value, "org id");
	}

	public static OrgId random() {
		return new OrgId(UUID.randomUUID());
	}

	/** Parses a client-supplied id; a malformed one is reported as an invalid request, never a 500. */
	public static OrgId parse(String text) {
		return new OrgId(Ids.parse(text, "organisation id"));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
