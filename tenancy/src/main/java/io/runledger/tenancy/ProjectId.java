package io.runledger.tenancy;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record ProjectId(@JsonValue UUID value) {

	public ProjectId {
		Objects.requireNonNull(value, "project id");
	}

	public static ProjectId random() {
		return new ProjectId(UUID.randomUUID());
	}

	public static ProjectId parse(String text) {
		return new ProjectId(Ids.parse(text, "project id"));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
