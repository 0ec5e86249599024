package io.runledger.tenancy;

import java.time.Instant;

public record Organisation(OrgId id, Slug slug, String name, Instant createdAt) {
}
