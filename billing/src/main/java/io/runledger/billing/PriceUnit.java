package io.runledger.billing;

import java.math.BigDecimal;

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

	/** A base-unit quantity in this unit, for display (34 significant digits; money is never derived from it). */
	public BigDecimal fromBase(BigDecimal base) {
		return base.divide(baseUnits, Rating.PRECISION).stripTrailingZeros();
	}
}
