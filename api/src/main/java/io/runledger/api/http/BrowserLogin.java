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
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import io.runledger.auth.SsoProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The browser login (backend for frontend): authorization code with PKCE against Keycloak's web client, tokens kept
 * in the server-side session and never handed to browser JavaScript. Endpoints are spelled out rather than
 * discovered, so the application starts even while Keycloak does not answer.
 */
@Configuration(proxyBeanMethods = false)
class BrowserLogin {

	static final String REGISTRATION = "keycloak";

	static final String SIGN_UP_PARAMETER = "signup";

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

	/**
	 * PKCE also for our confidential client: a stolen authorization code is useless without the verifier. With
	 * {@code ?signup} the login starts on Keycloak's registration form instead of its sign-in form (OpenID Connect's
	 * {@code prompt=create}): "Create an account" on our start page, where the person has no account yet.
	 */
	static OAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository registrations) {
		var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return signUp(request, resolver.resolve(request));
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
				return signUp(request, resolver.resolve(request, clientRegistrationId));
			}
		};
	}

	private static OAuth2AuthorizationRequest signUp(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
		if (resolved == null || request.getParameter(SIGN_UP_PARAMETER) == null) {
			return resolved;
		}
		return OAuth2AuthorizationRequest.from(resolved)
			.additionalParameters(parameters -> parameters.put("prompt", "create"))
			.build();
	}
}
