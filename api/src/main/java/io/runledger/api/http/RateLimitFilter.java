package io.runledger.api.http;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Charges every authenticated request to its key's and its organisation's buckets, so one noisy client or tenant
 * cannot starve the others. Answers 429 with {@code Retry-After} (which MLflow clients honour) when either is empty,
 * and always reports the tighter bucket in {@code RateLimit-*} headers.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties) {
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var caller = Callers.current();
		if (!properties.enabled() || caller.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		var org = caller.get().orgId().toString();
		var decision = limiter.check(caller.get().credentialId(), org, properties.planOf(org));
		if (decision.limit() >= 0) {
			response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
			response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
			response.setHeader("RateLimit-Reset", Long.toString(seconds(decision.resetMillis())));
		}
		if (!decision.allowed()) {
			long retryAfter = seconds(decision.retryAfterMillis());
			response.setHeader("Retry-After", Long.toString(retryAfter));
			Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"rate limit exceeded for this API key or organisation; retry after " + retryAfter + " s");
			return;
		}
		chain.doFilter(request, response);
	}

	private static long seconds(long millis) {
		return Math.max(1, (millis + 999) / 1000);
	}
}
