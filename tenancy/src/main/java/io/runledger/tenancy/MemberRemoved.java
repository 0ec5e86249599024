package io.runledger.tenancy;

/** Published inside the removing transaction, so what the member held (keys, sessions) goes with them atomically. */
public record MemberRemoved(OrgId orgId, UserId userId) {
}
