package io.runledger.auth;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Role;

/**
 * An authenticated caller: the one organisation the credential belongs to, who acts, and the effective role
 * (already capped by the holder's current role).
 */
public record CallerIdentity(OrgId orgId, Actor actor, Role role, String credentialId) {

	public boolean may(Permission permission) {
		return role.includes(permission.minimumRole());
	}
}
