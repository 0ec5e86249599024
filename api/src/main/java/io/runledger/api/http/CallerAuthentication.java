package io.runledger.api.http;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.runledger.auth.CallerIdentity;

/** A request authenticated as one caller of one organisation. */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private final CallerIdentity caller;

	CallerAuthentication(CallerIdentity caller) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public CallerIdentity getPrincipal() {
		return caller;
	}
}
