package io.runledger.auth;

import java.util.Objects;
import java.util.UUID;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

public record ApiKeyId(UUID value) {

	public ApiKeyId {
		Objects.requireNonNull(value, "api key id");
	}

	public static ApiKeyId parse(String text) {
		try {
			return new ApiKeyId(UUID.fromString(text));
		}
		catch (RuntimeException e) {
			throw new InvalidRequestException("api key id must be a UUID, got '" + Printable.abbreviate(text) + "'");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
