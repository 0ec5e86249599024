package io.runledger.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;

/** How much of a budget is used, given the period's totals (live-counter fields, base units). */
@Component
class BudgetUsage {

	private final ObjectProvider<UsageValuation> valuation;

	BudgetUsage(ObjectProvider<UsageValuation> valuation) {
		this.valuation = valuation;
	}

	/** Used quantity (base units) or money amount (the budget's currency) of the budget in the period. */
	BigDecimal used(OrgId orgId, Budget budget, Period period, Map<String, BigDecimal> totals) {
		if (!budget.isMoney()) {
			return totals.getOrDefault(LiveCounters.field(budget.meter(), budget.project()), BigDecimal.ZERO);
		}
		var usage = new EnumMap<Meter, BigDecimal>(Meter.class);
		for (var meter : Meter.values()) {
			usage.put(meter, totals.getOrDefault(LiveCounters.field(meter, budget.project()), BigDecimal.ZERO));
		}
		var pricing = valuation.getIfAvailable();
		if (pricing == null) {
			return BigDecimal.ZERO;
		}
		var value = pricing.valueOf(orgId, period, usage);
		if (!value.currency().equals(budget.limitAmount().currency())) {
			// A budget in another currency than the plan cannot be compared honestly; it never fires or blocks.
			return BigDecimal.ZERO;
		}
		return value.amount();
	}

	static BigDecimal percent(BigDecimal used, BigDecimal limit) {
		return used.multiply(BigDecimal.valueOf(100)).divide(limit, 4, RoundingMode.HALF_EVEN);
	}
}
