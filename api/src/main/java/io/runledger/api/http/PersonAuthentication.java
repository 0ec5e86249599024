package io.runledger.api.http;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import io.runledger.auth.Person;

/** A signed-in person acting outside any organisation (only for signing up one). */
final class PersonAuthentication extends AbstractAuthenticationToken {

	private final Person person;

	PersonAuthentication(Person person) {
		super(List.of());
		this.person = person;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Person getPrincipal() {
		return person;
	}
}
