package io.runledger.api.http;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import io.runledger.auth.SsoProperties;

/**
 * The browser login (backend for frontend): authorization code with PKCE against Keycloak's web client, tokens kept
 * in the server-side session and never handed to browser JavaScript. Endpoints are spelled out rather than
 * discovered, so the application starts even while Keycloak does not answer.
 */
@Configuration(proxyBeanMethods = false)
class BrowserLogin {

	static final String REGISTRATION = "keycloak";

	@Bean
	ClientRegistrationRepository clientRegistrations(SsoProperties sso) {
		var oidc = sso.issuer() + "/protocol/openid-connect";
		var registration = ClientRegistration.withRegistrationId(REGISTRATION)
			.clientId(sso.web().clientId())
			.clientSecret(sso.web().clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "email", "profile")
			.authorizationUri(oidc + "/auth")
			.tokenUri(oidc + "/token")
			.jwkSetUri(oidc + "/certs")
			.userInfoUri(oidc + "/userinfo")
			.userNameAttributeName("sub")
			.issuerUri(sso.issuer())
			.providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
			.clientName("Runledger SSO")
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	/** PKCE also for our confidential client: a stolen authorization code is useless without the verifier. */
	static OAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository registrations) {
		var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		return resolver;
	}
}
