package io.runledger.api.http;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;

import io.runledger.auth.CallerIdentity;

/** The authenticated caller of the current request, if any. */
public final class Callers {

	private Callers() {
	}

	public static Optional<CallerIdentity> current() {
		return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
				? Optional.of(authentication.getPrincipal()) : Optional.empty();
	}
}
