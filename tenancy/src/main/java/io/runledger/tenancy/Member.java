package io.runledger.tenancy;

import java.time.Instant;

public record Member(OrgId orgId, UserId userId, String email, String displayName, Role role, Instant createdAt) {
}
