package io.runledger.api.reports;

import java.time.Instant;

import io.runledger.tenancy.ProjectId;

/** A report as it is now: its current version's content and who made the report and the current version. */
record Report(ReportId id, ProjectId projectId, int version, ReportContent content, String createdBy,
		Instant createdAt, String updatedBy, Instant updatedAt) {
}
