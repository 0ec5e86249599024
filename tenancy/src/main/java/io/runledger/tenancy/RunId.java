package io.runledger.tenancy;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record RunId(@JsonValue UUID value) {

	public RunId {
		Objects.requireNonNull(value, "run id");
	}

	public static RunId random() {
		return new RunId(UUID.randomUUID());
	}

	public static RunId parse(String text) {
		return new RunId(Ids.parse(text, "run id"));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
