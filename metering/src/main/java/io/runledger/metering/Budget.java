package io.runledger.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.runledger.tenancy.Money;
import io.runledger.tenancy.ProjectId;

/**
 * A monthly usage budget of an organisation, or of one project: a limit on one meter's quantity (in the meter's
 * base unit) or on the money value of all usage. Thresholds are percentages of the limit; each raises one alert per
 * period. With a hard cap, writes that would add usage in the budget's scope are refused once the limit is reached.
 */
public record Budget(BudgetId id, String name, ProjectId project, Meter meter, BigDecimal limitQuantity,
		Money limitAmount, List<Integer> thresholds, boolean hardCap, String webhookUrl, Instant createdAt,
		Instant updatedAt) {

	public boolean isMoney() {
		return meter == null;
	}

	/** The limit as a number: a quantity in base units, or an amount in the budget's currency. */
	public BigDecimal limit() {
		return isMoney() ? limitAmount.amount() : limitQuantity;
	}

	/** Whether usage of {@code meter} in {@code project} counts against this budget. */
	boolean covers(ProjectId target, Meter usageMeter) {
		return (project == null || project.equals(target)) && (isMoney() || meter == usageMeter);
	}

	String describe() {
		var scope = project == null ? "organisation" : "project " + project;
		var what = isMoney() ? limitAmount.toString() : limitQuantity.toPlainString() + " " + meter.baseUnit() + "s of "
				+ meter.name();
		return "budget '" + name + "' (" + what + " per month, " + scope + ")";
	}
}
