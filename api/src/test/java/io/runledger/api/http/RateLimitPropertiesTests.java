package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RateLimitPropertiesTests {

	final RateLimitProperties.Plan standard = new RateLimitProperties.Plan(new RateLimitProperties.Bucket(10, 1),
			new RateLimitProperties.Bucket(100, 10));

	final RateLimitProperties.Plan premium = new RateLimitProperties.Plan(new RateLimitProperties.Bucket(1000, 100),
			new RateLimitProperties.Bucket(10000, 1000));

	@Test
	void an_organisation_assigned_to_a_plan_gets_that_plans_buckets() {
		var properties = new RateLimitProperties(true, Map.of("default", standard, "premium", premium),
				Map.of("org-1", "premium"));

		assertThat(properties.planOf("org-1")).isEqualTo(premium);
		assertThat(properties.planOf("org-2")).isEqualTo(standard);
	}

	@Test
	void an_assignment_to_an_unknown_plan_falls_back_to_the_default() {
		var properties = new RateLimitProperties(true, Map.of("default", standard), Map.of("org-1", "gold"));

		assertThat(properties.planOf("org-1")).isEqualTo(standard);
	}

	@Test
	void without_configuration_a_built_in_default_plan_applies() {
		var properties = new RateLimitProperties(true, null, null);

		assertThat(properties.planOf("any").perKey().capacity()).isPositive();
	}
}
