package io.runledger.api.reports;

import java.util.Objects;
import java.util.UUID;

record ShareLinkId(UUID value) {

	ShareLinkId {
		Objects.requireNonNull(value, "share link id");
	}

	static ShareLinkId parse(String text) {
		return new ShareLinkId(ReportId.uuid(text, "share link id"));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
