package io.runledger.billing;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stripe.StripeClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfiguration {

	/** Stripe when a key is configured; otherwise billing runs on its own and marks invoices NOT_SYNCED. */
	@Bean
	Payments payments(BillingProperties properties, Clock clock) {
		var stripe = properties.stripe();
		if (!stripe.configured()) {
			return new NoPayments();
		}
		var builder = StripeClient.builder().setApiKey(stripe.apiKey()).setMaxNetworkRetries(2);
		if (stripe.apiBase() != null && !stripe.apiBase().isBlank()) {
			builder.setApiBase(stripe.apiBase());
		}
		return new StripePayments(builder.build(), stripe.webhookSecret(), clock);
	}
}
