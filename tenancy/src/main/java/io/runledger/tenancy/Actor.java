package io.runledger.tenancy;

/** Who performed an audited action: a person, a service account, or the platform itself. */
public record Actor(Kind kind, String id) {

	public enum Kind {
		USER, SERVICE_ACCOUNT, SYSTEM
	}

	public static Actor system() {
		return new Actor(Kind.SYSTEM, "runledger");
	}

	public static Actor user(UserId userId) {
		return new Actor(Kind.USER, userId.toString());
	}
}
