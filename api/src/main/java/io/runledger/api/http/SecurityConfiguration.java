package io.runledger.api.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import io.runledger.auth.ApiKeys;
import io.runledger.auth.BearerTokens;

/**
 * The native and MLflow APIs are stateless: every request carries exactly one API key. Role checks per endpoint are
 * done by {@link PermissionInterceptor} against the permission table; here we only require a caller.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys apiKeys, BearerTokens bearerTokens,
			FailedAuthentications failures, RateLimiter limiter,
			RateLimitProperties rateLimits) {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new CredentialsFilter(apiKeys, bearerTokens, failures), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new RateLimitFilter(limiter, rateLimits), CredentialsFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
						"/swagger-ui/**")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers("/api/**", "/ajax-api/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> {
					response.setHeader("WWW-Authenticate", "Bearer realm=\"runledger\"");
					Problems.write(request, response, HttpStatus.UNAUTHORIZED,
							"authentication required: send an API key as 'Authorization: Bearer <key>'");
				})
				.accessDeniedHandler((request, response, e) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
						"access denied")));
		return http.build();
	}
}
