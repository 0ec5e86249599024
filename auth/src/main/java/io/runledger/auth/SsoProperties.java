package io.runledger.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity provider whose access tokens the API accepts as Bearer credentials.
 * @param issuer the realm's issuer URL (tokens must carry exactly this {@code iss})
 * @param audience the audience every accepted token must name (Keycloak adds it with an audience mapper)
 * @param jwkSetUri where the signing keys are published; defaults to Keycloak's path under the issuer
 */
@ConfigurationProperties("runledger.sso")
public record SsoProperties(String issuer, String audience, String jwkSetUri) {

	public SsoProperties {
		issuer = issuer == null ? "http://127.0.0.1:8180/realms/runledger" : issuer;
		audience = audience == null ? "runledger-api" : audience;
		jwkSetUri = jwkSetUri == null ? issuer + "/protocol/openid-connect/certs" : jwkSetUri;
	}
}
