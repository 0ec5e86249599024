package io.runledger.api.views;

import java.util.Objects;
import java.util.UUID;

import io.runledger.tenancy.Ids;

record SavedViewId(UUID value) {

	SavedViewId {
		Objects.requireNonNull(value, "view id");
	}

	static SavedViewId random() {
		return new SavedViewId(UUID.randomUUID());
	}

	static SavedViewId parse(String text) {
		return new SavedViewId(Ids.parse(text, "view id"));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
