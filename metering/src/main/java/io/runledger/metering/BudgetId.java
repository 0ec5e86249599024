package io.runledger.metering;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import io.runledger.tenancy.InvalidRequestException;

public record BudgetId(@JsonValue UUID value) {

	public BudgetId {
		Objects.requireNonNull(value, "budget id");
	}

	public static BudgetId random() {
		return new BudgetId(UUID.randomUUID());
	}

	public static BudgetId parse(String text) {
		try {
			return new BudgetId(UUID.fromString(text));
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new InvalidRequestException("budget id must be a UUID");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
