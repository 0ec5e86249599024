package io.runledger.billing;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.runledger.metering.Meter;

/**
 * The part of one billing period during which one plan was in effect, with the usage that occurred in it (base units
 * per meter). A period without plan changes is one segment; a change mid-period splits it by usage date.
 */
public record PlanSegment(Plan plan, Map<Meter, BigDecimal> usage) {

	public PlanSegment {
		Objects.requireNonNull(plan, "plan");
		usage = usage.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(usage));
	}

	BigDecimal usageOf(Meter meter) {
		return usage.getOrDefault(meter, BigDecimal.ZERO);
	}
}
