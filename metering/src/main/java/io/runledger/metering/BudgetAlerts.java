package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.TenantTransactions;

/**
 * Evaluates budgets against PostgreSQL's totals (exact, from the roll-ups), records each crossed threshold once per
 * period — the alert table's primary key is what makes "once" true, even with two evaluators racing — and notifies:
 * an in-app notification in the same transaction, then email and webhook after it committed. Each evaluation also
 * replaces the organisation's live counters with the exact totals, healing increments Redis missed.
 */
@Component
public class BudgetAlerts {

	private static final Logger log = LoggerFactory.getLogger(BudgetAlerts.class);

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Budgets budgets;

	private final UsageRollups rollups;

	private final LiveCounters counters;

	private final BudgetUsage usage;

	private final Notifications notifications;

	private final AlertDelivery delivery;

	private final Clock clock;

	BudgetAlerts(JdbcClient jdbc, TenantTransactions tx, Budgets budgets, UsageRollups rollups, LiveCounters counters,
			BudgetUsage usage, Notifications notifications, AlertDelivery delivery, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.budgets = budgets;
		this.rollups = rollups;
		this.counters = counters;
		this.usage = usage;
		this.notifications = notifications;
		this.delivery = delivery;
		this.clock = clock;
	}

	/** A budget's standing in the current period. */
	public record BudgetStatus(Budget budget, Period period, BigDecimal used, BigDecimal percent, BigDecimal forecast,
			boolean reached) {
	}

	/** An alert: a threshold of a budget crossed in a period. */
	public record Alert(UUID budgetId, String budgetName, Instant periodStart, int threshold, BigDecimal used,
			BigDecimal limit, Instant crossedAt, String emailStatus, String webhookStatus) {
	}

	@Scheduled(fixedDelayString = "${runledger.metering.budget-interval:30s}",
			initialDelayString = "${runledger.metering.budget-interval:30s}")
	void evaluateAll() {
		for (var org : jdbc.sql("select * from orgs_with_budgets()").query(UUID.class).list()) {
			try {
				evaluate(new OrgId(org));
			}
			catch (RuntimeException e) {
				log.warn("Evaluating budgets of {} failed: {}", org, e.toString());
			}
		}
	}

	/** Evaluates one organisation's budgets now; returns the alerts this evaluation raised (none when repeated). */
	public List<Alert> evaluate(OrgId orgId) {
		var now = clock.instant();
		var period = Period.containing(now);
		// Increments of this instance that are still pending are in PostgreSQL already: drop them into the old hash
		// before it is replaced, so they are not added on top of the totals afterwards.
		counters.flush(orgId);
		var totals = rollups.periodTotals(orgId, period);
		try {
			counters.replace(orgId, period, totals);
		}
		catch (RuntimeException e) {
			counters.failed("reconcile", e);
		}
		var raised = new ArrayList<Alert>();
		tx.writeVoid(orgId, () -> {
			for (var budget : budgets.list(orgId)) {
				var used = usage.used(orgId, budget, period, totals);
				var percent = BudgetUsage.percent(used, budget.limit());
				for (int threshold : budget.thresholds()) {
					if (percent.compareTo(BigDecimal.valueOf(threshold)) < 0) {
						continue;
					}
					boolean inserted = jdbc.sql("""
							insert into budget_alerts (org_id, budget_id, period_start, threshold, used, limit_value,
							                           crossed_at, webhook_status)
							values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
						.params(orgId.value(), budget.id().value(), Timestamp.from(period.start()), threshold, used,
								budget.limit(), Timestamp.from(now), budget.webhookUrl() == null ? "NONE" : "PENDING")
						.update() == 1;
					if (inserted) {
						var alert = new Alert(budget.id().value(), budget.name(), period.start(), threshold, used,
								budget.limit(), now, "PENDING", budget.webhookUrl() == null ? "NONE" : "PENDING");
						notifications.add(orgId, "budget.threshold", title(budget, threshold), body(budget, alert, period));
						raised.add(alert);
					}
				}
			}
		});
		for (var alert : raised) {
			var budget = budgets.get(orgId, new BudgetId(alert.budgetId()));
			delivery.deliver(orgId, budget, alert, title(budget, alert.threshold()), body(budget, alert, period));
		}
		return raised;
	}

	public List<BudgetStatus> status(OrgId orgId) {
		return status(orgId, budgets.list(orgId));
	}

	/** A page of budgets with their status. */
	public Page<BudgetStatus> status(OrgId orgId, PageRequest page) {
		var listed = budgets.list(orgId, page);
		return new Page<>(status(orgId, listed.items()), listed.nextCursor());
	}

	private List<BudgetStatus> status(OrgId orgId, List<Budget> listed) {
		var now = clock.instant();
		var period = Period.containing(now);
		var totals = rollups.periodTotals(orgId, period);
		return listed.stream().map(b -> {
			var used = usage.used(orgId, b, period, totals);
			return new BudgetStatus(b, period, used, BudgetUsage.percent(used, b.limit()),
					Forecast.endOfPeriod(used, period, now), used.compareTo(b.limit()) >= 0);
		}).toList();
	}

	public List<Alert> alerts(OrgId orgId, int limit) {
		return tx.read(orgId, () -> jdbc.sql("""
				select a.*, b.name from budget_alerts a join budgets b using (org_id, budget_id)
				where a.org_id = ? order by a.crossed_at desc, a.threshold desc limit ?""")
			.params(orgId.value(), Math.max(1, Math.min(limit, 500)))
			.query((rs, row) -> new Alert(rs.getObject("budget_id", UUID.class), rs.getString("name"),
					rs.getTimestamp("period_start").toInstant(), rs.getInt("threshold"), rs.getBigDecimal("used"),
					rs.getBigDecimal("limit_value"), rs.getTimestamp("crossed_at").toInstant(),
					rs.getString("email_status"), rs.getString("webhook_status")))
			.list());
	}

	private static String title(Budget budget, int threshold) {
		return "Budget '" + budget.name() + "' reached " + threshold + " %";
	}

	private static String body(Budget budget, Alert alert, Period period) {
		var unit = budget.isMoney() ? budget.limitAmount().currency().getCurrencyCode() : budget.meter().baseUnit() + "s";
		return "In " + period + ", " + budget.describe() + " has used " + alert.used().stripTrailingZeros().toPlainString()
				+ " " + unit + " of " + budget.limit().stripTrailingZeros().toPlainString() + " (threshold "
				+ alert.threshold() + " %)." + (budget.hardCap() && alert.threshold() >= 100
						? " Its hard cap now refuses new writes until the period ends or the limit is raised." : "");
	}
}
