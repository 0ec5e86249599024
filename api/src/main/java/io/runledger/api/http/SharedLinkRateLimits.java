package io.runledger.api.http;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets for anonymous share-link reads: one per link (a leaked link cannot be hammered) and one per client
 * address (one client cannot sweep tokens or links). Checked only when the request carries no credential.
 */
@ConfigurationProperties("runledger.rate-limits.shared-links")
record SharedLinkRateLimits(RateLimitProperties.Bucket perToken, RateLimitProperties.Bucket perAddress) {

	SharedLinkRateLimits {
		perToken = perToken == null ? new RateLimitProperties.Bucket(300, 5) : perToken;
		perAddress = perAddress == null ? new RateLimitProperties.Bucket(120, 2) : perAddress;
	}
}
