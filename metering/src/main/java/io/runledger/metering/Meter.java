package io.runledger.metering;

/**
 * What we charge for: data, not seats. Quantities are kept in each meter's base unit, exact decimals; billing
 * converts to its price units (per million points, per hour, per GB-month) and rounds in one place.
 */
public enum Meter {

	/** Metric data points durably stored (native and MLflow alike; system metrics included). Base unit: point. */
	DATA_POINTS("point"),

	/** Wall-clock time runs spend RUNNING, attributed to the hours it spans. Base unit: second. */
	TRACKED_HOURS("second"),

	/**
	 * Artifact bytes stored, integrated over time: a byte kept for one second is one byte-second. Base unit:
	 * byte-second (1 GB-hour = 10^9 × 3600 byte-seconds).
	 */
	STORAGE_BYTES("byte-second");

	private final String baseUnit;

	Meter(String baseUnit) {
		this.baseUnit = baseUnit;
	}

	public String baseUnit() {
		return baseUnit;
	}
}
