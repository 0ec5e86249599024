package io.runledger.billing;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import io.runledger.tenancy.InvalidRequestException;

public record InvoiceId(@JsonValue UUID value) {

	public InvoiceId {
		Objects.requireNonNull(value, "invoice id");
	}

	public static InvoiceId random() {
		return new InvoiceId(UUID.randomUUID());
	}

	/** Parses a client-supplied id; a malformed one is an invalid request, never a 500. */
	public static InvoiceId parse(String text) {
		try {
			return new InvoiceId(UUID.fromString(text));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("invoice id must be a UUID");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
