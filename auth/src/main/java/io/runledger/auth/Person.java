package io.runledger.auth;

import io.runledger.tenancy.NewMember;
import io.runledger.tenancy.UserId;

/** Someone the identity provider vouches for (verified email), before or regardless of any membership. */
public record Person(String issuer, String subject, String email, String name) {

	/** The same person always gets the same user id, derived from issuer and subject. */
	public UserId userId() {
		return UserId.forSubject(issuer, subject);
	}

	public NewMember asNewMember() {
		return new NewMember(userId(), email, name);
	}
}
