package io.runledger.tenancy;

import java.time.Instant;

public record Project(OrgId orgId, ProjectId id, Slug slug, String name, String description, Instant createdAt) {
}
