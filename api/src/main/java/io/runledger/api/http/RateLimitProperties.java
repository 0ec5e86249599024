package io.runledger.api.http;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets per API key and per organisation, by plan. A bucket holds {@code capacity} requests (the burst) and
 * refills at {@code refillPerSecond}. Organisations without a plan entry use {@code default}.
 */
@ConfigurationProperties("runledger.rate-limits")
record RateLimitProperties(boolean enabled, Map<String, Plan> plans) {

	RateLimitProperties {
		plans = plans == null || plans.isEmpty()
				? Map.of("default", new Plan(new Bucket(600, 300), new Bucket(3000, 1500))) : Map.copyOf(plans);
	}

	Plan plan(String name) {
		var plan = plans.get(name);
		return plan != null ? plan : plans.getOrDefault("default", plans.values().iterator().next());
	}

	record Plan(Bucket perKey, Bucket perOrganisation) {
	}

	record Bucket(long capacity, double refillPerSecond) {
	}
}
