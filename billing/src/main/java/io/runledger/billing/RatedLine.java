package io.runledger.billing;

import java.math.BigDecimal;
import java.util.List;

import io.runledger.metering.Meter;
import io.runledger.tenancy.Money;

/**
 * What one meter costs for one period. {@code owed} is the whole period's price, rounded once (half-even, minor
 * units); {@code amount} is what this line charges: owed minus what earlier invoices already billed for the period.
 * Quantities are in the meter's base unit; {@code quantity} is what this line adds to what was billed before.
 */
public record RatedLine(Meter meter, PriceUnit unit, BigDecimal quantity, BigDecimal totalQuantity,
		List<TierCharge> tiers, BigDecimal unitPrice, Money owed, Money alreadyBilled, Money amount) {

	public RatedLine {
		tiers = List.copyOf(tiers);
	}

	/** One slice of a line: which plan and tier priced which part of the period's quantity (price units). */
	public record TierCharge(String plan, String tier, BigDecimal from, BigDecimal to, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal amount) {
	}

	/** Nothing new to bill: no added usage and no change in price. */
	public boolean isEmpty() {
		return quantity.signum() == 0 && amount.isZero();
	}
}
