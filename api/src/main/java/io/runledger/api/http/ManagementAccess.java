package io.runledger.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The operators' credential for {@code /actuator}: health details and metrics say which services run, how loaded the
 * instance is and which tenants are busy, so only its holder may read them. Anyone may still ask whether the instance
 * is UP (liveness, readiness). Sent like an API key ({@code Authorization: Bearer <token>}); unset, nobody can read
 * them over HTTP.
 */
@Component
class ManagementAccess {

	static final String ROLE = "MANAGEMENT";

	private final byte[] token;

	ManagementAccess(@Value("${runledger.management.token:}") String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	boolean grants(String presented) {
		return token.length > 0 && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
	}

	/** The operator, for the rest of the request: no organisation, no tenant data, only the management role. */
	static final class Operator extends AbstractAuthenticationToken {

		Operator() {
			super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return "operator";
		}
	}
}
