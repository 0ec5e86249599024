package io.runledger.auth;

import java.util.Objects;
import java.util.UUID;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

public record ServiceAccountId(UUID value) {

	public ServiceAccountId {
		Objects.requireNonNull(value, "service account id");
	}

	public static ServiceAccountId parse(String text) {
		try {
			return new ServiceAccountId(UUID.fromString(text));
		}
		catch (RuntimeException e) {
			throw new InvalidRequestException(
					"service account id must be a UUID, got '" + Printable.abbreviate(text) + "'");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
