package io.runledger.billing;

import java.math.BigDecimal;
import java.util.List;

import io.runledger.metering.Meter;
import io.runledger.tenancy.Money;

/**
 * One line of an invoice: one meter over one rated period. Usage lines price the invoice's own period; adjustment
 * lines bill usage that arrived for an earlier, already invoiced period (owed now minus already billed).
 */
public record InvoiceLine(int number, Kind kind, BillingPeriod ratedPeriod, Meter meter, PriceUnit unit,
		BigDecimal quantity, BigDecimal totalQuantity, BigDecimal unitPrice, Money owed, Money alreadyBilled,
		Money amount, List<RatedLine.TierCharge> tiers, String stripeItemId) {

	public enum Kind {
		USAGE, ADJUSTMENT
	}

	static InvoiceLine of(int number, Kind kind, BillingPeriod ratedPeriod, RatedLine rated) {
		return new InvoiceLine(number, kind, ratedPeriod, rated.meter(), rated.unit(), rated.quantity(),
				rated.totalQuantity(), rated.unitPrice(), rated.owed(), rated.alreadyBilled(), rated.amount(),
				rated.tiers(), null);
	}

	/** Quantity of this line in its price unit (e.g. million data points), rounded for people; {@link #quantity()} is exact. */
	public BigDecimal quantityInUnit() {
		return unit.forDisplay(quantity);
	}

	/** A description for people and for the payment provider's invoice item. */
	public String description() {
		var what = switch (meter) {
			case DATA_POINTS -> "Data points";
			case TRACKED_HOURS -> "Tracked hours";
			case STORAGE_BYTES -> "Storage";
		};
		var text = what + ", " + quantityInUnit().toPlainString() + " × " + unit.label() + " (" + ratedPeriod.month()
				+ ")";
		return kind == Kind.ADJUSTMENT ? "Late usage for " + ratedPeriod.month() + ": " + text : text;
	}
}
