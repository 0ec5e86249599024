package io.runledger.metering;

/** What we charge for: data, not seats. */
public enum Meter {

	/** Metric data points durably stored (native and MLflow alike; system metrics included). */
	DATA_POINTS,

	/** Wall-clock time runs spend RUNNING (arrives with the tracked-hours part of the metering issue). */
	TRACKED_HOURS,

	/** Artifact bytes stored, integrated over time (arrives with the artifacts issue). */
	STORAGE_BYTES
}
