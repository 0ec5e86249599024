package io.runledger.billing;

import java.math.BigDecimal;

import io.runledger.tenancy.Money;

/** What earlier invoices already billed for one meter and period: the base-unit quantity and the rounded amount. */
public record Billed(BigDecimal quantity, Money amount) {
}
