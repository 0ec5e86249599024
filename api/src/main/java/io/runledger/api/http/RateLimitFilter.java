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
 * cannot starve the others; an anonymous request under the share-link prefix is charged to its link's and its
 * address's buckets. Answers 429 with {@code Retry-After} (which MLflow clients honour) when either is empty, and
 * always reports the tighter bucket in {@code RateLimit-*} headers.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	private final SharedLinkRateLimits sharedLinks;

	RateLimitFilter(RateLimiter limiter, RateLimitProperties properties, SharedLinkRateLimits sharedLinks) {
		this.limiter = limiter;
		this.properties = properties;
		this.sharedLinks = sharedLinks;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var caller = Callers.current();
		var sharedToken = caller.isEmpty() ? sharedLinkToken(request) : null;
		if (!properties.enabled() || (caller.isEmpty() && sharedToken == null)) {
			chain.doFilter(request, response);
			return;
		}
		RateLimiter.Decision decision;
		if (caller.isPresent()) {
			var org = caller.get().orgId().toString();
			decision = limiter.check(caller.get().credentialId(), org, properties.planOf(org));
		}
		else {
			decision = limiter.checkSharedLink(TokenDigests.of(sharedToken), request.getRemoteAddr(), sharedLinks);
		}
		if (decision.limit() >= 0) {
			response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
			response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
			response.setHeader("RateLimit-Reset", Long.toString(seconds(decision.resetMillis())));
		}
		if (!decision.allowed()) {
			long retryAfter = seconds(decision.retryAfterMillis());
			response.setHeader("Retry-After", Long.toString(retryAfter));
			Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					(caller.isPresent() ? "rate limit exceeded for this API key or organisation"
							: "rate limit exceeded for this share link or address") + "; retry after " + retryAfter + " s");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The token of an anonymous request under the share-link prefix (any other path there shares one bucket, so the
	 * address is charged whatever is probed), or null outside the prefix.
	 */
	private static String sharedLinkToken(HttpServletRequest request) {
		var path = request.getRequestURI();
		if (!path.startsWith(ShareLinkAccess.PREFIX)) {
			return null;
		}
		if (!path.startsWith(ShareLinkAccess.REPORTS)) {
			return "";
		}
		var rest = path.substring(ShareLinkAccess.REPORTS.length());
		int slash = rest.indexOf('/');
		return slash < 0 ? rest : rest.substring(0, slash);
	}

	private static long seconds(long millis) {
		return Math.max(1, (millis + 999) / 1000);
	}
}
