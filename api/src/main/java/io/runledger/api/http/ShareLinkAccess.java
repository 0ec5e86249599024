package io.runledger.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an endpoint that anyone holding a report share link may call without a credential: the token in the path
 * is the whole authority, and the endpoint answers only for what that token grants. Instead of
 * {@link io.runledger.auth.Requires}; honoured only under {@link #PREFIX} (which security lets through anonymously and
 * rate-limits per token and per address), so the annotation cannot open any other route.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ShareLinkAccess {

	/** The one path prefix reachable without a credential, besides health and the API document. */
	String PREFIX = "/api/v1/shared/";

	/** Where the token sits: {@code /api/v1/shared/reports/{token}...}. */
	String REPORTS = PREFIX + "reports/";
}
