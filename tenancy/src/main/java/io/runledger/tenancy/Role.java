package io.runledger.tenancy;

/**
 * What a member (or an API key) may do inside one organisation. Ordered: each role includes the ones before it.
 * VIEWER reads; MEMBER writes tracking data; ADMIN manages members, keys and budgets; OWNER also billing and deletion.
 */
public enum Role {

	VIEWER, MEMBER, ADMIN, OWNER;

	public boolean includes(Role required) {
		return compareTo(required) >= 0;
	}

	/** The weaker of two roles: a key never grants more than its holder currently has. */
	public Role cappedAt(Role ceiling) {
		return includes(ceiling) ? ceiling : this;
	}

	public static Role parse(String text) {
		if (text != null) {
			for (Role role : values()) {
				if (role.name().equalsIgnoreCase(text)) {
					return role;
				}
			}
		}
		throw new InvalidRequestException(
				"role must be one of VIEWER, MEMBER, ADMIN, OWNER, got '" + Printable.abbreviate(text) + "'");
	}
}
