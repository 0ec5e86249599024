package io.runledger.billing;

/** How tiers combine (Kill Bill's ALL_TIERS and TOP_TIER). */
public enum TierMode {

	/** Each tier prices its own slice of the quantity. */
	GRADUATED,

	/** The tier the whole quantity reaches prices all of it. */
	VOLUME
}
