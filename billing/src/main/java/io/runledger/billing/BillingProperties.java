package io.runledger.billing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billing settings. {@code lateUsageMonths}: how many closed periods back a close looks for late usage to bill as
 * adjustments. An empty Stripe API key means no payment provider: invoices stay in our system, marked NOT_SYNCED.
 */
@ConfigurationProperties("runledger.billing")
record BillingProperties(Duration closeInterval, int lateUsageMonths, Stripe stripe) {

	BillingProperties {
		closeInterval = closeInterval == null ? Duration.ofMinutes(15) : closeInterval;
		lateUsageMonths = lateUsageMonths <= 0 ? 3 : lateUsageMonths;
		stripe = stripe == null ? new Stripe(null, null, null, null) : stripe;
	}

	/** {@code apiBase} is Stripe's by default; tests point it at a local stand-in. */
	record Stripe(String apiKey, String webhookSecret, String apiBase, String portalReturnUrl) {

		boolean configured() {
			return apiKey != null && !apiKey.isBlank();
		}
	}
}
