package io.runledger.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.metering.Meter;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;

/**
 * What an amount of usage costs an organisation in a month, for money budgets: the same rating as invoices (free
 * allowance, tiers, one rounding), with the plan in effect now (or, for a past month, at its last instant).
 */
@Component
public class UsageValuation {

	private final BillingPlans plans;

	private final Clock clock;

	UsageValuation(BillingPlans plans, Clock clock) {
		this.plans = plans;
		this.clock = clock;
	}

	/** Usage in each meter's base unit (points, seconds, byte-seconds), totalled over {@code period}. */
	public Money valueOf(OrgId orgId, Map<Meter, BigDecimal> usageInBaseUnits, YearMonth period) {
		var billing = BillingPeriod.of(period);
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
