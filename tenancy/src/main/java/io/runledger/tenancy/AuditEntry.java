package io.runledger.tenancy;

import java.time.Instant;
import java.util.Map;

public record AuditEntry(long id, OrgId orgId, Instant at, Actor actor, String action, String targetKind,
		String targetId, Map<String, Object> details) {
}
