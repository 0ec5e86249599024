package io.runledger.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.metering.Meter;
import io.runledger.metering.Period;
import io.runledger.metering.UsageValuation;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;

/**
 * What an amount of usage costs an organisation in a month, for metering's money budgets (billing implements
 * metering's port, so metering never depends on billing): the same rating as invoices (free allowance, tiers, one
 * rounding), with the plan in effect now (or, for a past month, at its last instant).
 */
@Component
class BudgetValuation implements UsageValuation {

	private final BillingPlans plans;

	private final Clock clock;

	BudgetValuation(BillingPlans plans, Clock clock) {
		this.plans = plans;
		this.clock = clock;
	}

	/** Usage in each meter's base unit (points, seconds, byte-seconds), totalled over {@code period}. */
	@Override
	public Currency currencyOf(OrgId orgId) {
		return plans.planAt(orgId, clock.instant()).currency();
	}

	@Override
	public Money valueOf(OrgId orgId, Period period, Map<Meter, BigDecimal> usageInBaseUnits) {
		var billing = BillingPeriod.of(period.month());
		var lastInstant = billing.end().minusNanos(1);
		var now = clock.instant();
		Instant at = now.isBefore(lastInstant) ? (now.isBefore(billing.start()) ? billing.start() : now) : lastInstant;
		var plan = plans.planAt(orgId, at);
		return Rating.rate(List.of(new PlanSegment(plan, usageInBaseUnits)), Map.of())
			.stream()
			.map(RatedLine::amount)
			.reduce(Money.zero(plan.currency()).roundedToMinorUnits(), Money::plus);
	}
}
