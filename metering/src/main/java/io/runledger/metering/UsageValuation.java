package io.runledger.metering;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import io.runledger.tenancy.Money;
import io.runledger.tenancy.OrgId;

/**
 * What usage costs: the port money budgets need. Billing, which knows plans and prices, provides the bean; without
 * one, money budgets cannot be created (metering never depends on billing).
 */
public interface UsageValuation {

	/** The price of {@code usage} (base units per meter) for the organisation's plan in {@code period}. */
	Money valueOf(OrgId orgId, Period period, Map<Meter, BigDecimal> usage);

	/** The currency the organisation is billed in; money budgets must use it. */
	Currency currencyOf(OrgId orgId);
}
