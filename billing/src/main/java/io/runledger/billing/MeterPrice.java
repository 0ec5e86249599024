package io.runledger.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.runledger.metering.Meter;
import io.runledger.tenancy.InvalidRequestException;

/**
 * How one meter is priced in a plan: a free monthly allowance, then tiers. Allowance and tier bounds are in the
 * price's unit; tiers count the quantity beyond the allowance. Validated on construction, so a plan that exists is a
 * plan that can be rated.
 */
public record MeterPrice(PriceUnit unit, BigDecimal freeAllowance, TierMode mode, List<Tier> tiers) {

	public MeterPrice {
		Objects.requireNonNull(unit, "unit");
		Objects.requireNonNull(mode, "tier mode");
		freeAllowance = freeAllowance == null ? BigDecimal.ZERO : freeAllowance;
		tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
		validate(unit, freeAllowance, tiers);
	}

	public Meter meter() {
		return unit.meter();
	}

	private static void validate(PriceUnit unit, BigDecimal freeAllowance, List<Tier> tiers) {
		var what = unit.meter() + " price";
		if (freeAllowance.signum() < 0) {
			throw new InvalidRequestException(what + ": the free allowance cannot be negative");
		}
		if (tiers.isEmpty()) {
			throw new InvalidRequestException(what + ": needs at least one tier (the last one open-ended)");
		}
		BigDecimal previous = BigDecimal.ZERO;
		for (int i = 0; i < tiers.size(); i++) {
			var tier = tiers.get(i);
			if (tier.unitPrice().signum() < 0) {
				throw new InvalidRequestException(what + ": tier " + (i + 1) + " has a negative price");
			}
			boolean last = i == tiers.size() - 1;
			if (tier.openEnded() != last) {
				throw new InvalidRequestException(what + ": exactly one tier, the last, must be open-ended (no upTo)");
			}
			if (!last && tier.upTo().compareTo(previous) <= 0) {
				throw new InvalidRequestException(
						what + ": tier upper bounds must be positive and strictly increasing, tier " + (i + 1)
								+ " has upTo " + tier.upTo().toPlainString());
			}
			previous = last ? previous : tier.upTo();
		}
	}
}
