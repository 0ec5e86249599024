package io.runledger.metering;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metering's timing and delivery settings ({@code runledger.metering.*}).
 * @param rollupInterval how often the hourly roll-up job runs
 * @param rollupMargin how far back a roll-up looks past the previous one, for transactions in flight then
 * @param storageInterval how often stored bytes are integrated into byte-seconds (whole hours only)
 * @param budgetInterval how often budgets are evaluated for alerts
 * @param guardRefresh how long a hard-cap decision is reused before the counters are read again
 * @param alertEmailFrom sender of budget alert emails; the SMTP server is Spring's {@code spring.mail.*}
 * @param webhooksAllowPrivateTargets dev only: let budget webhooks reach loopback and private addresses
 * @param webhookTimeout connect and request timeout of a budget webhook delivery
 * @param deliveryInterval how often the delivery job sends due alert emails and webhooks (first attempts go out at once)
 * @param deliveryMaxAttempts attempts of one delivery before it is marked FAILED
 * @param deliveryMaxAge how long after the alert a delivery is still tried before it is marked FAILED
 * @param deliveryFirstBackoff wait after the first failed attempt; it doubles per attempt (with jitter)
 * @param deliveryMaxBackoff the longest wait between two attempts
 * @param enabled false only for the metering-overhead benchmark's baseline instance: nothing is recorded or capped
 */
@ConfigurationProperties("runledger.metering")
public record MeteringProperties(Duration rollupInterval, Duration rollupMargin, Duration storageInterval,
		Duration budgetInterval, Duration guardRefresh, String alertEmailFrom, boolean webhooksAllowPrivateTargets,
		Duration webhookTimeout, Duration deliveryInterval, Integer deliveryMaxAttempts, Duration deliveryMaxAge,
		Duration deliveryFirstBackoff, Duration deliveryMaxBackoff, Boolean enabled) {

	public MeteringProperties {
		rollupInterval = rollupInterval == null ? Duration.ofMinutes(1) : rollupInterval;
		rollupMargin = rollupMargin == null ? Duration.ofMinutes(5) : rollupMargin;
		storageInterval = storageInterval == null ? Duration.ofMinutes(5) : storageInterval;
		budgetInterval = budgetInterval == null ? Duration.ofSeconds(30) : budgetInterval;
		guardRefresh = guardRefresh == null ? Duration.ofSeconds(2) : guardRefresh;
		alertEmailFrom = alertEmailFrom == null ? "Runledger <alerts@runledger.local>" : alertEmailFrom;
		webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(5) : webhookTimeout;
		deliveryInterval = deliveryInterval == null ? Duration.ofSeconds(15) : deliveryInterval;
		deliveryMaxAttempts = deliveryMaxAttempts == null ? 25 : deliveryMaxAttempts;
		deliveryMaxAge = deliveryMaxAge == null ? Duration.ofHours(24) : deliveryMaxAge;
		deliveryFirstBackoff = deliveryFirstBackoff == null ? Duration.ofMinutes(1) : deliveryFirstBackoff;
		deliveryMaxBackoff = deliveryMaxBackoff == null ? Duration.ofHours(2) : deliveryMaxBackoff;
		enabled = enabled == null || enabled;
	}
}
