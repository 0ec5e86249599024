package io.runledger.billing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.runledger.metering.Meter;
import io.runledger.tenancy.Money;

/**
 * Rating: (plan segments with their usage, what was already billed) → invoice lines. A pure function: no database,
 * no clock, so it is tested exhaustively on its own.
 * <p>
 * A period's quantity is counted from its first hour. Each segment's slice of that count is priced by the plan in
 * effect when the usage happened: the free allowance covers the first units of the month, graduated tiers price
 * each slice by its position in the month, and volume tiers price a slice by the tier the whole month reaches. So a
 * mid-period plan change never grants a second allowance, and usage before the change keeps the old prices.
 * <p>
 * Divisions by unit size carry 34 significant digits ({@link #PRECISION}); money is rounded exactly once, per line,
 * half-even to the currency's minor units ({@link Money#roundedToMinorUnits()}).
 */
public final class Rating {

	static final MathContext PRECISION = MathContext.DECIMAL128;

	private Rating() {
	}

	/** One line per meter, in {@link Meter} order, for one period split into plan segments (chronological). */
	public static List<RatedLine> rate(List<PlanSegment> segments, Map<Meter, Billed> alreadyBilled) {
		if (segments.isEmpty()) {
			throw new IllegalArgumentException("a period is rated with at least one plan segment");
		}
		var currency = segments.getFirst().plan().currency();
		for (var segment : segments) {
			if (!segment.plan().currency().equals(currency)) {
				throw new IllegalArgumentException("one period is billed in one currency, got " + currency + " and "
						+ segment.plan().currency());
			}
		}
		var lines = new ArrayList<RatedLine>();
		for (var meter : Meter.values()) {
			lines.add(rate(meter, segments, currency, alreadyBilled.get(meter)));
		}
		return lines;
	}

	private static RatedLine rate(Meter meter, List<PlanSegment> segments, Currency currency, Billed billed) {
		var unit = unitOf(meter);
		var total = segments.stream().map(s -> s.usageOf(meter)).reduce(BigDecimal.ZERO, BigDecimal::add);
		var charges = new ArrayList<RatedLine.TierCharge>();
		var before = BigDecimal.ZERO;
		for (var segment : segments) {
			var quantity = segment.usageOf(meter);
			if (quantity.signum() > 0) {
				var price = segment.plan().priceOf(meter);
				if (price.isEmpty()) {
					charges.add(charge(segment.plan(), "not priced", unit, before, before.add(quantity), BigDecimal.ZERO));
				}
				else {
					priceSlice(segment.plan(), price.get(), before, before.add(quantity), total, charges);
				}
			}
			before = before.add(quantity);
		}
		var exact = charges.stream().map(RatedLine.TierCharge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		var owed = new Money(exact, currency).roundedToMinorUnits();
		var previously = billed != null ? billed : new Billed(BigDecimal.ZERO, Money.zero(currency).roundedToMinorUnits());
		return new RatedLine(meter, unit, total.subtract(previously.quantity()), total, charges, unitPrice(charges),
				owed, previously.amount(), owed.minus(previously.amount()));
	}

	/** Prices the positions [start, end) of the period's count (base units) with one plan's price for the meter. */
	private static void priceSlice(Plan plan, MeterPrice price, BigDecimal start, BigDecimal end, BigDecimal periodTotal,
			List<RatedLine.TierCharge> charges) {
		var unit = price.unit();
		var allowance = unit.toBase(price.freeAllowance());
		if (start.compareTo(allowance) < 0) {
			charges.add(charge(plan, "included", unit, start, end.min(allowance), BigDecimal.ZERO));
		}
		var billableStart = start.max(allowance);
		if (billableStart.compareTo(end) >= 0) {
			return;
		}
		var tiers = price.tiers();
		if (price.mode() == TierMode.VOLUME) {
			var reached = periodTotal.subtract(allowance);
			for (int i = 0; i < tiers.size(); i++) {
				var tier = tiers.get(i);
				if (tier.openEnded() || reached.compareTo(unit.toBase(tier.upTo())) <= 0) {
					charges.add(charge(plan, "tier " + (i + 1) + " (volume)", unit, billableStart, end,
							tier.unitPrice()));
					return;
				}
			}
		}
		var lower = allowance;
		for (int i = 0; i < tiers.size() && lower.compareTo(end) < 0; i++) {
			var tier = tiers.get(i);
			var upper = tier.openEnded() ? end : allowance.add(unit.toBase(tier.upTo())).min(end);
			var from = billableStart.max(lower);
			if (upper.compareTo(from) > 0) {
				charges.add(charge(plan, "tier " + (i + 1), unit, from, upper, tier.unitPrice()));
			}
			lower = upper;
		}
	}

	private static RatedLine.TierCharge charge(Plan plan, String tier, PriceUnit unit, BigDecimal from, BigDecimal to,
			BigDecimal unitPrice) {
		var quantity = to.subtract(from);
		return new RatedLine.TierCharge(plan.name(), tier, unit.forDisplay(from), unit.forDisplay(to),
				unit.forDisplay(quantity), unitPrice, quantity.multiply(unitPrice).divide(unit.baseUnits(), PRECISION));
	}

	/** The one price per unit the line charged, if there was one; null when tiers with different prices applied. */
	private static BigDecimal unitPrice(List<RatedLine.TierCharge> charges) {
		var prices = charges.stream()
			.filter(c -> c.unitPrice().signum() > 0)
			.map(c -> c.unitPrice().stripTrailingZeros())
			.distinct()
			.toList();
		return prices.size() == 1 ? prices.getFirst() : prices.isEmpty() ? BigDecimal.ZERO : null;
	}

	static PriceUnit unitOf(Meter meter) {
		for (var unit : PriceUnit.values()) {
			if (unit.meter() == meter) {
				return unit;
			}
		}
		throw new IllegalStateException("no price unit for " + meter);
	}
}
