package io.runledger.metering;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** A calendar month in UTC as a half-open window {@code [start, end)}: budgets and bills run by it. */
public record Period(YearMonth month) {

	public static Period containing(Instant instant) {
		return new Period(YearMonth.from(instant.atOffset(ZoneOffset.UTC)));
	}

	public Instant start() {
		return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public Instant end() {
		return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	public boolean contains(Instant instant) {
		return !instant.isBefore(start()) && instant.isBefore(end());
	}

	@Override
	public String toString() {
		return month.toString();
	}
}
