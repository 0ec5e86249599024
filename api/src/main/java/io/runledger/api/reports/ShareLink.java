package io.runledger.api.reports;

import java.time.Instant;

/**
 * A read-only link to one report. Live unless {@code snapshotAt} is set: then it shows the report version and panel
 * data of that instant, forever. Usable while not revoked and not past {@code expiresAt}.
 */
record ShareLink(ShareLinkId id, ReportId reportId, String tokenPrefix, String createdBy, Instant createdAt,
		Instant expiresAt, Instant revokedAt, String revokedBy, long viewCount, Instant lastViewedAt,
		Instant snapshotAt, Integer snapshotVersion) {

	boolean usableAt(Instant now) {
		return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
	}
}
