package io.runledger.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

	static final DeliveryPolicy POLICY = new DeliveryPolicy(5, Duration.ofHours(24), Duration.ofMinutes(1),
			Duration.ofHours(2));

	static final Instant CREATED = Instant.parse("2031-03-05T10:00:00Z");

	@Test
	void the_wait_doubles_per_attempt_up_to_the_longest_and_jitter_keeps_it_between_half_and_all_of_it() {
		assertThat(POLICY.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(30));
		assertThat(POLICY.backoff(1, 0.999999)).isBetween(Duration.ofSeconds(59), Duration.ofMinutes(1));
		assertThat(POLICY.backoff(2, 0.0)).isEqualTo(Duration.ofMinutes(1));
		assertThat(POLICY.backoff(4, 0.0)).isEqualTo(Duration.ofMinutes(4));
		assertThat(POLICY.backoff(8, 0.0)).isEqualTo(Duration.ofHours(1));
		assertThat(POLICY.backoff(60, 0.999999)).isBetween(Duration.ofMinutes(119), Duration.ofHours(2));
	}

	@Test
	void a_failed_attempt_is_retried_after_its_backoff_until_the_last_attempt() {
		var now = CREATED.plusSeconds(90);

		assertThat(POLICY.nextAttempt(3, CREATED, now, 0.5)).contains(now.plus(Duration.ofMinutes(3)));
		assertThat(POLICY.nextAttempt(4, CREATED, now, 0.5)).isPresent();
		assertThat(POLICY.nextAttempt(5, CREATED, now, 0.0)).as("five attempts made").isEmpty();
	}

	@Test
	void a_delivery_whose_next_attempt_would_come_after_the_maximum_age_is_given_up() {
		var late = CREATED.plus(Duration.ofHours(24)).minusSeconds(10);

		assertThat(POLICY.nextAttempt(1, CREATED, late, 0.0)).as("30 s later is past 24 h").isEmpty();
		assertThat(POLICY.nextAttempt(1, CREATED, CREATED.plus(Duration.ofHours(23)), 0.0)).isPresent();
	}
}
