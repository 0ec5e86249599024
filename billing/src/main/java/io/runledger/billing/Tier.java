package io.runledger.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price band of a meter price, in the price's unit, counted from the end of the free allowance. {@code upTo} is
 * the band's inclusive upper bound; {@code null} marks the one open-ended band, which must come last.
 */
public record Tier(BigDecimal upTo, BigDecimal unitPrice) {

	public Tier {
		Objects.requireNonNull(unitPrice, "unit price");
	}

	public static Tier upTo(String upTo, String unitPrice) {
		return new Tier(new BigDecimal(upTo), new BigDecimal(unitPrice));
	}

	public static Tier above(String unitPrice) {
		return new Tier(null, new BigDecimal(unitPrice));
	}

	public boolean openEnded() {
		return upTo == null;
	}
}
