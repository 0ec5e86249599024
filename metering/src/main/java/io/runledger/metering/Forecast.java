package io.runledger.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Projected end-of-period usage from the rate so far: usage to date divided by the time elapsed in the period,
 * times the period's length. Linear on purpose: it is explainable in one sentence, and the period-to-date rate is
 * what the customer can check against their own numbers. Before the first hour is over the rate says too little,
 * so the forecast is the usage so far.
 */
public final class Forecast {

	private Forecast() {
	}

	public static BigDecimal endOfPeriod(BigDecimal usedSoFar, Period period, Instant now) {
		if (!period.contains(now)) {
			return usedSoFar;
		}
		long elapsed = Duration.between(period.start(), now).toMillis();
		long length = Duration.between(period.start(), period.end()).toMillis();
		if (elapsed < Duration.ofHours(1).toMillis()) {
			return usedSoFar;
		}
		return usedSoFar.multiply(BigDecimal.valueOf(length)).divide(BigDecimal.valueOf(elapsed), 6,
				RoundingMode.HALF_EVEN).stripTrailingZeros();
	}
}
