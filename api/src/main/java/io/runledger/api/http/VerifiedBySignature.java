package io.runledger.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one kind of endpoint of our API that takes no credential: a payment provider's webhook, which proves itself by
 * signing its payload. Security lets exactly {@link #STRIPE_WEBHOOK} through unauthenticated (POST only, no CSRF
 * token, since no cookie authenticates it); the handler must verify the signature before acting on anything.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface VerifiedBySignature {

	String STRIPE_WEBHOOK = "/api/v1/billing/stripe/webhook";
}
