package io.runledger.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again, and when it is given up: exponential backoff from {@code firstBackoff},
 * doubling per attempt up to {@code maxBackoff}, with "equal jitter" (half the delay fixed, half random) so that
 * receivers coming back from an outage are not hit by every organisation's retries in the same second. A delivery
 * is given up (FAILED) after {@code maxAttempts} attempts or when its next attempt would fall later than
 * {@code maxAge} after the alert. Pure: no clock, no randomness of its own.
 */
record DeliveryPolicy(int maxAttempts, Duration maxAge, Duration firstBackoff, Duration maxBackoff) {

	DeliveryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("delivery-max-attempts must be at least 1, got " + maxAttempts);
		}
		if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
			throw new IllegalArgumentException("delivery backoff must be positive and max >= first, got "
					+ firstBackoff + " and " + maxBackoff);
		}
	}

	static DeliveryPolicy of(MeteringProperties properties) {
		return new DeliveryPolicy(properties.deliveryMaxAttempts(), properties.deliveryMaxAge(),
				properties.deliveryFirstBackoff(), properties.deliveryMaxBackoff());
	}

	/**
	 * After {@code attempts} attempts of which the last failed at {@code now}: when to try again, or empty to give up.
	 * @param jitter a number in [0, 1)
	 */
	Optional<Instant> nextAttempt(int attempts, Instant createdAt, Instant now, double jitter) {
		if (attempts >= maxAttempts) {
			return Optional.empty();
		}
		var next = now.plus(backoff(attempts, jitter));
		return next.isAfter(createdAt.plus(maxAge)) ? Optional.empty() : Optional.of(next);
	}

	/** The wait after the {@code attempts}-th failure: between half and all of min(max, first × 2^(attempts-1)). */
	Duration backoff(int attempts, double jitter) {
		long max = maxBackoff.toMillis();
		long delay = firstBackoff.toMillis();
		for (int i = 1; i < attempts && delay < max; i++) {
			delay *= 2;
		}
		delay = Math.min(delay, max);
		return Duration.ofMillis(delay / 2 + (long) (delay / 2 * jitter));
	}
}
