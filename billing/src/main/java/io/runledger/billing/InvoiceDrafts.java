package io.runledger.billing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Organisations;

/**
 * Builds the invoice a period would get if it were closed now: a usage line per meter, rated from the hourly
 * roll-ups with the plans in effect, then an adjustment line for each meter of a recently closed period whose usage
 * grew after it was invoiced (late usage). The running draft and the close use this one computation.
 */
@Component
public class InvoiceDrafts {

	private final BillingPlans plans;

	private final Invoices invoices;

	private final Organisations organisations;

	private final BillingProperties properties;

	private final Clock clock;

	InvoiceDrafts(BillingPlans plans, Invoices invoices, Organisations organisations, BillingProperties properties,
			Clock clock) {
		this.plans = plans;
		this.invoices = invoices;
		this.organisations = organisations;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the organisation owes so far for the current period: a DRAFT, never stored. */
	public Invoice current(OrgId orgId) {
		return draft(orgId, BillingPeriod.containing(clock.instant()));
	}

	/** The hourly roll-ups behind a line of the running draft. */
	public List<UsageRollups.Rollup> usageBehind(OrgId orgId, int lineNumber) {
		var line = current(orgId).line(lineNumber);
		if (line == null) {
			throw new NotFoundException("draft invoice line", lineNumber);
		}
		return invoices.usageBehind(orgId, line);
	}

	Invoice draft(OrgId orgId, BillingPeriod period) {
		var segments = plans.segments(orgId, period);
		var currency = segments.getLast().plan().currency();
		var lines = new ArrayList<InvoiceLine>();
		for (var rated : Rating.rate(segments, Map.of())) {
			lines.add(InvoiceLine.of(lines.size() + 1, InvoiceLine.Kind.USAGE, period, rated));
		}
		for (var earlier : lateUsagePeriods(orgId, period)) {
			if (invoices.forPeriod(orgId, earlier).isEmpty()) {
				continue;
			}
			var earlierSegments = plans.segments(orgId, earlier);
			var billed = invoices.billedFor(orgId, earlier, earlierSegments.getLast().plan().currency());
			for (var rated : Rating.rate(earlierSegments, billed)) {
				if (!rated.isEmpty()) {
					lines.add(InvoiceLine.of(lines.size() + 1, InvoiceLine.Kind.ADJUSTMENT, earlier, rated));
				}
			}
		}
		return Invoice.draft(orgId, period, currency, lines);
	}

	/** The closed periods a close of {@code period} re-rates for late usage, oldest first. */
	private Iterable<BillingPeriod> lateUsagePeriods(OrgId orgId, BillingPeriod period) {
		var first = BillingPeriod.containing(organisations.get(orgId).createdAt());
		var periods = new ArrayList<BillingPeriod>();
		var earlier = period;
		for (int i = 0; i < properties.lateUsageMonths(); i++) {
			earlier = earlier.previous();
			if (earlier.isBefore(first)) {
				break;
			}
			periods.addFirst(earlier);
		}
		return periods;
	}
}
