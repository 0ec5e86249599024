package io.runledger.auth;

import java.time.Instant;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Role;

public record ServiceAccount(OrgId orgId, ServiceAccountId id, String name, Role role, Instant createdAt) {
}
