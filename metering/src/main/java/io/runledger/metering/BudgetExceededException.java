package io.runledger.metering;

import java.time.Duration;

/**
 * A write refused because a hard-capped budget is reached. Answered as 429 with the budget named, how to raise it,
 * and Retry-After until the period ends; reads and admin pages are never refused by a budget. The message promises
 * only what a user can do today (there is no data export yet, so it does not offer one).
 */
public class BudgetExceededException extends RuntimeException {

	private final Budget budget;

	private final Duration retryAfter;

	BudgetExceededException(Budget budget, Duration retryAfter) {
		super(budget.describe() + " is reached and has a hard cap, so new writes are refused until the period ends"
				+ ". Everything already stored can still be read. To write again now, an ADMIN raises the limit or "
				+ "removes the cap with PUT /api/v1/budgets/" + budget.id() + ".");
		this.budget = budget;
		this.retryAfter = retryAfter;
	}

	public Budget budget() {
		return budget;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
