package io.runledger.api.http;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets per API key and per organisation, by plan. A bucket holds {@code capacity} requests (the burst) and
 * refills at {@code refillPerSecond}. {@code organisationPlans} assigns plans to organisations by id; the others use
 * {@code default}. (When billing assigns plans, it will feed this map.)
 */
@ConfigurationProperties("runledger.rate-limits")
record RateLimitProperties(boolean enabled, Map<String, Plan> plans, Map<String, String> organisationPlans) {

	RateLimitProperties {
		plans = plans == null || plans.isEmpty()
				? Map.of("default", new Plan(new Bucket(600, 300), new Bucket(3000, 1500))) : Map.copyOf(plans);
		organisationPlans = organisationPlans == null ? Map.of() : Map.copyOf(organisationPlans);
	}

	Plan planOf(String organisationId) {
		var plan = plans.get(organisationPlans.getOrDefault(organisationId, "default"));
		return plan != null ? plan : plans.getOrDefault("default", plans.values().iterator().next());
	}

	record Plan(Bucket perKey, Bucket perOrganisation) {
	}

	record Bucket(long capacity, double refillPerSecond) {
	}
}
