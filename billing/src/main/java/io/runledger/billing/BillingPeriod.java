package io.runledger.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** A calendar month in UTC, half-open: {@code [start, end)}. */
public record BillingPeriod(YearMonth month) {

	public static BillingPeriod of(YearMonth month) {
		return new BillingPeriod(month);
	}

	public static BillingPeriod containing(Instant instant) {
		return new BillingPeriod(YearMonth.from(instant.atZone(ZoneOffset.UTC)));
	}

	public static BillingPeriod startingAt(Instant start) {
		var period = containing(start);
		if (!period.start().equals(start)) {
			throw new IllegalArgumentException(start + " does not start a billing period");
		}
		return period;
	}

	public Instant start() {
		return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public Instant end() {
		return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public BillingPeriod previous() {
		return new BillingPeriod(month.minusMonths(1));
	}

	public BillingPeriod next() {
		return new BillingPeriod(month.plusMonths(1));
	}

	public boolean isBefore(BillingPeriod other) {
		return month.isBefore(other.month);
	}

	public boolean contains(Instant instant) {
		return !instant.isBefore(start()) && instant.isBefore(end());
	}

	@Override
	public String toString() {
		return month + " [" + start() + ", " + end() + ")";
	}
}
