package io.runledger.api.reports;

import java.time.Instant;

/** One save of a report: immutable. {@code restoredFrom} names the version a restore copied, if it was one. */
record ReportVersion(ReportId reportId, int version, ReportContent content, String savedBy, Instant savedAt,
		Integer restoredFrom) {
}
