package io.runledger.api.http;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.runledger.auth.ApiKeys;
import io.runledger.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates the request's one credential and, for the rest of the request, scopes the thread to the caller's
 * organisation. A request without a credential continues anonymously; security rules then decide.
 */
class CredentialsFilter extends OncePerRequestFilter {

	private final ApiKeys apiKeys;

	CredentialsFilter(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PresentedCredential credential;
		try {
			var presented = PresentedCredential.from(request);
			if (presented.isEmpty()) {
				chain.doFilter(request, response);
				return;
			}
			credential = presented.get();
		}
		catch (PresentedCredential.RejectedCredential e) {
			reject(request, response, e.badRequest() ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED, e.getMessage());
			return;
		}
		var caller = apiKeys.authenticateAcrossTenants(credential.secret());
		if (caller.isEmpty()) {
			reject(request, response, HttpStatus.UNAUTHORIZED, "API key is unknown, expired or revoked");
			return;
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new CallerAuthentication(caller.get()));
		SecurityContextHolder.setContext(context);
		try {
			TenantContext.callAs(caller.get().orgId(), () -> {
				try {
					chain.doFilter(request, response);
				}
				catch (IOException | ServletException e) {
					throw new FilterFailure(e);
				}
				return null;
			});
		}
		catch (FilterFailure e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			throw (ServletException) e.getCause();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"runledger\"");
		}
		Problems.write(request, response, status, detail);
	}

	private static final class FilterFailure extends RuntimeException {
		FilterFailure(Exception cause) {
			super(cause);
		}
	}
}
