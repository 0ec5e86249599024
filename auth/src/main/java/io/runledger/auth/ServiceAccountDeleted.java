package io.runledger.auth;

import io.runledger.tenancy.OrgId;

/** Published inside the deleting transaction, so the account's keys die with it atomically. */
public record ServiceAccountDeleted(OrgId orgId, ServiceAccountId serviceAccountId) {
}
