package io.runledger.api.views;

import java.time.Instant;

import io.runledger.tenancy.ProjectId;

/** A named view of a project's runs; {@code createdBy} is who may change it besides admins. */
record SavedView(SavedViewId id, ProjectId projectId, String name, ViewLayout layout, String createdBy,
		Instant createdAt, String updatedBy, Instant updatedAt) {
}
