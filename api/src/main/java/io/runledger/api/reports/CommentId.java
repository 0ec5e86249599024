package io.runledger.api.reports;

import java.util.Objects;
import java.util.UUID;

record CommentId(UUID value) {

	CommentId {
		Objects.requireNonNull(value, "comment id");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
