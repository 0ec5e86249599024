package io.runledger.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What makes a JWT acceptable as an API credential, beyond a valid RS256 signature by the realm's keys: our issuer,
 * not expired (30 s of clock skew), our audience, and {@code typ = Bearer}. The last one matters because Keycloak's
 * ID tokens look like access tokens but carry {@code typ = ID}; accepting them would let any client that ever saw
 * a user's ID token call the API as that user.
 */
final class AccessTokenValidation {

	private AccessTokenValidation() {
	}

	static OAuth2TokenValidator<Jwt> validator(SsoProperties sso, Clock clock) {
		var timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(List.of(timestamps, new JwtIssuerValidator(sso.issuer()),
				claim("aud", sso.audience(), jwt -> jwt.getAudience() != null && jwt.getAudience().contains(sso.audience())),
				claim("typ", "Bearer", jwt -> "Bearer".equals(jwt.getClaimAsString("typ")))));
	}

	private static OAuth2TokenValidator<Jwt> claim(String name, String expected,
			java.util.function.Predicate<Jwt> check) {
		return jwt -> check.test(jwt) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
						"the token's " + name + " must be " + expected, null));
	}
}
