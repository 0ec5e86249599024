package io.runledger.auth;

import java.time.Instant;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Role;

/** What is known about a key after creation: never the key itself, only its recognisable prefix. */
public record ApiKey(OrgId orgId, ApiKeyId id, String name, String prefix, KeyHolder holder, Role role,
		Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
}
