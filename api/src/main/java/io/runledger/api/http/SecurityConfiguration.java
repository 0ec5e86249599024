package io.runledger.api.http;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.runledger.auth.ApiKeys;
import io.runledger.auth.BearerTokens;
import io.runledger.auth.SsoProperties;

/**
 * One chain for everything: API clients send exactly one credential per request (API key or access token) and stay
 * stateless; browsers sign in through Keycloak and carry a session cookie plus a CSRF token. Role checks per
 * endpoint are done by {@link PermissionInterceptor} against the permission table; here we only require a caller.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, BearerTokens bearerTokens,
			FailedAuthentications failures, ManagementAccess management, RateLimiter limiter, RateLimitProperties rateLimits,
			SharedLinkRateLimits sharedLinkLimits, ClientRegistrationRepository registrations, SsoProperties sso) {
		var csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		var logoutHandler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logoutHandler.setPostLogoutRedirectUri("{baseUrl}/");
		http
			// A browser session exists only after an SSO login (sessions are created if required, and the login
			// changes the session id against fixation: oauth2Login's defaults). Setting any session policy here would
			// add SessionManagementFilter, which takes CredentialsFilter's per-request caller for a fresh login and
			// stores it in a new session: one per request authenticated by a header.
			.sessionManagement(session -> session.requireExplicitAuthenticationStrategy(true))
			// CSRF protects what a cookie authenticates. A request with its own credential header cannot be forged
			// by another site (browsers do not attach those), so only cookie-borne requests must carry the token.
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(request -> !SAFE_METHODS.contains(request.getMethod())
						&& request.getHeader("Authorization") == null && request.getHeader("X-Api-Key") == null
						&& !request.getRequestURI().startsWith("/login/")
						&& !VerifiedBySignature.STRIPE_WEBHOOK.equals(request.getRequestURI())))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint
				.authorizationRequestResolver(BrowserLogin.withPkce(registrations))))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(logoutHandler))
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new SignInAvailability(sso), OAuth2AuthorizationRequestRedirectFilter.class)
			.addFilterBefore(new CredentialsFilter(apiKeys, bearerTokens, failures, management), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limiter, rateLimits, sharedLinkLimits), CredentialsFilter.class)
			.addFilterAfter(new IssueCsrfCookie(), CsrfFilter.class)
			.authorizeHttpRequests(requests -> requests
				// Whether the instance is UP is public (probes, load balancers, app.sh); details and metrics are not.
				.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole(ManagementAccess.ROLE)
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
						"/swagger-ui/**")
				.permitAll()
				.requestMatchers("/error", "/login/**", "/oauth2/**", "/logout")
				.permitAll()
				// Stripe signs its webhooks instead of presenting a credential; the handler verifies the signature.
				.requestMatchers(HttpMethod.POST, VerifiedBySignature.STRIPE_WEBHOOK)
				.permitAll()
				// Report share links: the token in the path is the credential (see ShareLinkAccess); GET only.
				.requestMatchers(HttpMethod.GET, ShareLinkAccess.PREFIX + "**")
				.permitAll()
				.requestMatchers("/api/**", "/ajax-api/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> {
					response.setHeader("WWW-Authenticate", "Bearer realm=\"runledger\"");
					Problems.write(request, response, HttpStatus.UNAUTHORIZED,
							"authentication required: send an API key as 'Authorization: Bearer <key>', or sign in");
				})
				.accessDeniedHandler((request, response, e) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
						e instanceof org.springframework.security.web.csrf.CsrfException
								? "missing or wrong CSRF token: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN"
								: "access denied")));
		return http.build();
	}

	/**
	 * Spring Security writes the CSRF cookie only when something reads the token; a single-page app needs it from its
	 * first GET, so every request of a signed-in browser reads it.
	 */
	private static final class IssueCsrfCookie extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getSession(false) != null
					&& request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}
	}

	private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
}
