package io.runledger.auth;

import io.runledger.tenancy.Role;

/**
 * The permission table: every endpoint declares one of these with {@link Requires}, and this is the only place that
 * says which role each needs. Viewers read (and comment) for free; writing tracking data needs MEMBER.
 */
public enum Permission {

	READ(Role.VIEWER),
	COMMENT(Role.VIEWER),
	WRITE_TRACKING(Role.MEMBER),
	MANAGE_PROJECTS(Role.MEMBER),
	/** Writing reports and creating or revoking their share links (viewers read and comment). */
	EDIT_REPORTS(Role.MEMBER),
	/** Saving views of a project's runs; changing or deleting one is its creator's, or an admin's (SavedViews). */
	SAVE_VIEWS(Role.MEMBER),
	MANAGE_MEMBERS(Role.ADMIN),
	MANAGE_API_KEYS(Role.ADMIN),
	MANAGE_BUDGETS(Role.ADMIN),
	READ_AUDIT_LOG(Role.ADMIN),
	READ_BILLING(Role.ADMIN),
	MANAGE_BILLING(Role.OWNER),
	DELETE_PROJECTS(Role.OWNER);

	private final Role minimumRole;

	Permission(Role minimumRole) {
		this.minimumRole = minimumRole;
	}

	public Role minimumRole() {
		return minimumRole;
	}
}
