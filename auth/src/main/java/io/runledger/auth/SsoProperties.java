package io.runledger.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity provider whose access tokens the API accepts as Bearer credentials.
 * @param issuer the realm's issuer URL (tokens must carry exactly this {@code iss})
 * @param audience the audience every accepted token must name (Keycloak adds it with an audience mapper)
 * @param jwkSetUri where the signing keys are published; defaults to Keycloak's path under the issuer
 * @param web the browser login client
 * @param admin the provisioning client that manages Keycloak Organizations and identity providers
 */
@ConfigurationProperties("runledger.sso")
public record SsoProperties(String issuer, String audience, String jwkSetUri, Admin admin, Web web) {

	public SsoProperties {
		issuer = issuer == null ? "http://127.0.0.1:8180/realms/runledger" : issuer;
		audience = audience == null ? "runledger-api" : audience;
		jwkSetUri = jwkSetUri == null ? issuer + "/protocol/openid-connect/certs" : jwkSetUri;
		admin = admin == null ? new Admin(null, null, null, null) : admin;
		web = web == null ? new Web(null, null) : web;
	}

	/**
	 * The confidential client of the browser login (backend for frontend: tokens stay on the server).
	 * @param clientId the client id
	 * @param clientSecret its secret
	 */
	public record Web(String clientId, String clientSecret) {

		public Web {
			clientId = clientId == null ? "runledger-web" : clientId;
			clientSecret = clientSecret == null ? "runledger-web-dev-secret" : clientSecret;
		}
	}

	/**
	 * @param serverUrl Keycloak's base URL (without /realms)
	 * @param realm the realm our tenants live in, one Keycloak Organization each
	 * @param clientId a confidential client whose service account may manage organizations and identity providers
	 * @param clientSecret its secret
	 */
	public record Admin(String serverUrl, String realm, String clientId, String clientSecret) {

		public Admin {
			serverUrl = serverUrl == null ? "http://127.0.0.1:8180" : serverUrl;
			realm = realm == null ? "runledger" : realm;
			clientId = clientId == null ? "runledger-provisioner" : clientId;
			clientSecret = clientSecret == null ? "runledger-provisioner-dev-secret" : clientSecret;
		}
	}
}
