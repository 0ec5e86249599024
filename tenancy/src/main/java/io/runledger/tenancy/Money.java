package io.runledger.tenancy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency. Shared kernel: billing prices and invoices in it, metering compares money budgets
 * against it. Never a {@code double}. Arithmetic keeps full precision; {@link #roundedToMinorUnits()} is the one
 * place rounding happens (half-even, to the currency's minor units).
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
	}

	public static Money of(String amount, String currencyCode) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
	}

	public static Money zero(Currency currency) {
		return new Money(BigDecimal.ZERO, currency);
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(amount.add(other.amount), currency);
	}

	public Money minus(Money other) {
		requireSameCurrency(other);
		return new Money(amount.subtract(other.amount), currency);
	}

	public Money times(BigDecimal factor) {
		return new Money(amount.multiply(factor), currency);
	}

	public Money roundedToMinorUnits() {
		return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN), currency);
	}

	/** The amount in minor units (cents), after rounding half-even. */
	public long minorUnits() {
		return roundedToMinorUnits().amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
	}

	public boolean isZero() {
		return amount.signum() == 0;
	}

	@Override
	public int compareTo(Money other) {
		requireSameCurrency(other);
		return amount.compareTo(other.amount);
	}

	private void requireSameCurrency(Money other) {
		if (!currency.equals(other.currency)) {
			throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
		}
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency.getCurrencyCode();
	}
}
