package io.runledger.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.runledger.metering.Meter;

/**
 * The unit a price is quoted in, and how many of its meter's base units make one. Sizes are exact integers, so
 * converting allowances and tier bounds into base units never rounds.
 */
public enum PriceUnit {

	/** One million data points. */
	MILLION_DATA_POINTS(Meter.DATA_POINTS, new BigDecimal("1000000"), "1M data points"),

	/** One hour of tracked (RUNNING) time: 3,600 seconds. */
	TRACKED_HOUR(Meter.TRACKED_HOURS, new BigDecimal("3600"), "tracked hour"),

	/**
	 * One GB-month: 10^9 bytes (decimal gigabytes, as storage is sold) kept for 730 hours, the average month
	 * (8,760 h / 12). In base units: 10^9 × 730 × 3,600 = 2.628 × 10^15 byte-seconds. A fixed month length keeps a
	 * GB stored for all of February cheaper than for all of March, exactly as the bytes were kept.
	 */
	GB_MONTH(Meter.STORAGE_BYTES, new BigDecimal("2628000000000000"), "GB-month");

	/** Decimals of a quantity shown in a price unit (invoice lines, tier breakdowns, descriptions). */
	public static final int DISPLAY_DECIMALS = 6;

	private final Meter meter;

	private final BigDecimal baseUnits;

	private final String label;

	PriceUnit(Meter meter, BigDecimal baseUnits, String label) {
		this.meter = meter;
		this.baseUnits = baseUnits;
		this.label = label;
	}

	public Meter meter() {
		return meter;
	}

	/** How many of the meter's base units make one of this unit. */
	public BigDecimal baseUnits() {
		return baseUnits;
	}

	public String label() {
		return label;
	}

	/** A quantity in this unit, in the meter's base units: exact. */
	BigDecimal toBase(BigDecimal quantity) {
		return quantity.multiply(baseUnits);
	}

	/**
	 * A base-unit quantity in this unit, for people: rounded half-even to {@link #DISPLAY_DECIMALS} decimals. A
	 * GB-month is 2.628 × 10^15 byte-seconds, so an exact quotient runs to 34 digits nobody can read; six decimals keep
	 * data points exact (one point is 0.000001 of a million) and seconds to the millisecond. Money is never derived
	 * from this: rating works on the exact base quantity.
	 */
	public BigDecimal forDisplay(BigDecimal base) {
		var rounded = base.divide(baseUnits, Rating.PRECISION).setScale(DISPLAY_DECIMALS, RoundingMode.HALF_EVEN);
		return rounded.signum() == 0 ? BigDecimal.ZERO : rounded.stripTrailingZeros();
	}
}
