package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.TenantTransactions;

/**
 * Evaluates budgets against PostgreSQL's totals (exact, from the roll-ups), records each crossed threshold once per
 * period — the alert table's primary key is what makes "once" true, even with two evaluators racing — and notifies:
 * an in-app notification and the outbox rows of its email and webhook in the same transaction ({@link AlertDelivery}
 * sends them, at least once). Each evaluation also
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

	/**
	 * An alert: a threshold of a budget crossed in a period, with how it was sent out. {@code emailStatus} and
	 * {@code webhookStatus} summarise {@code email} and {@code webhook} (NONE: the budget had no webhook).
	 */
	public record Alert(UUID budgetId, String budgetName, Instant periodStart, int threshold, BigDecimal used,
			BigDecimal limit, Instant crossedAt, String emailStatus, String webhookStatus, Delivery email,
			Delivery webhook) {
	}

	/**
	 * One channel's delivery of an alert: its status (PENDING, SENT, FAILED, NOT_CONFIGURED, NO_RECIPIENTS, REFUSED),
	 * attempts so far, when the next is due (PENDING only) and why the last one failed.
	 */
	public record Delivery(DeliveryId id, String status, int attempts, Instant lastAttemptAt, Instant nextAttemptAt,
			String lastError, Instant deliveredAt) {
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
							                           crossed_at)
							values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
						.params(orgId.value(), budget.id().value(), Timestamp.from(period.start()), threshold, used,
								budget.limit(), Timestamp.from(now))
						.update() == 1;
					if (inserted) {
						var alert = new Alert(budget.id().value(), budget.name(), period.start(), threshold, used,
								budget.limit(), now, "PENDING", budget.webhookUrl() == null ? "NONE" : "PENDING", null,
								null);
						var title = title(budget, threshold);
						var body = body(budget, alert, period);
						notifications.add(orgId, "budget.threshold", title, body);
						// The outbox rows commit with the alert, so no crash between the two can lose a delivery.
						delivery.enqueue(orgId, budget, alert, title, body);
						raised.add(alert);
					}
				}
			}
		});
		if (!raised.isEmpty()) {
			// First attempts go out now rather than at the delivery job's next pass; failures are retried by it.
			delivery.deliverDue(orgId);
		}
		return raised;
	}

	/**
	 * Sends the organisation's alert emails and webhooks that are due (first attempts and retries whose backoff
	 * ended), as the delivery job does every {@code delivery-interval}; returns how many were attempted.
	 */
	public int deliverDue(OrgId orgId) {
		return delivery.deliverDue(orgId);
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

	/** Alerts newest first, with their deliveries; pages are stable while alerts are added. */
	public Page<Alert> alerts(OrgId orgId, PageRequest page) {
		var after = page.cursor().map(AlertCursor::parse);
		var params = new ArrayList<Object>(List.of(orgId.value()));
		after.ifPresent(c -> params.addAll(List.of(Timestamp.from(c.crossedAt()), c.budgetId(), c.threshold())));
		params.add(page.limit() + 1);
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select a.*, b.name,
				       e.delivery_id e_id, e.status e_status, e.attempts e_attempts, e.last_attempt_at e_last_attempt_at,
				       e.next_attempt_at e_next_attempt_at, e.last_error e_last_error, e.delivered_at e_delivered_at,
				       w.delivery_id w_id, w.status w_status, w.attempts w_attempts, w.last_attempt_at w_last_attempt_at,
				       w.next_attempt_at w_next_attempt_at, w.last_error w_last_error, w.delivered_at w_delivered_at
				from budget_alerts a
				join budgets b using (org_id, budget_id)
				left join alert_deliveries e on e.org_id = a.org_id and e.budget_id = a.budget_id
				     and e.period_start = a.period_start and e.threshold = a.threshold and e.channel = 'EMAIL'
				left join alert_deliveries w on w.org_id = a.org_id and w.budget_id = a.budget_id
				     and w.period_start = a.period_start and w.threshold = a.threshold and w.channel = 'WEBHOOK'
				where a.org_id = ?""" + (after.isPresent() ? " and (a.crossed_at, a.budget_id, a.threshold) < (?, ?, ?)" : "")
				+ " order by a.crossed_at desc, a.budget_id desc, a.threshold desc limit ?")
			.params(params)
			.query((rs, row) -> {
				var email = delivery(rs, "e_");
				var webhook = delivery(rs, "w_");
				return new Alert(rs.getObject("budget_id", UUID.class), rs.getString("name"),
						rs.getTimestamp("period_start").toInstant(), rs.getInt("threshold"), rs.getBigDecimal("used"),
						rs.getBigDecimal("limit_value"), rs.getTimestamp("crossed_at").toInstant(),
						email == null ? "NONE" : email.status(), webhook == null ? "NONE" : webhook.status(), email,
						webhook);
			})
			.list(), page.limit(), a -> new AlertCursor(a.crossedAt(), a.budgetId(), a.threshold()).toString()));
	}

	private static Delivery delivery(ResultSet rs, String prefix) throws SQLException {
		var id = rs.getObject(prefix + "id", UUID.class);
		if (id == null) {
			return null;
		}
		return new Delivery(new DeliveryId(id), rs.getString(prefix + "status"), rs.getInt(prefix + "attempts"),
				instant(rs, prefix + "last_attempt_at"), instant(rs, prefix + "next_attempt_at"),
				rs.getString(prefix + "last_error"), instant(rs, prefix + "delivered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/** The sort key of the last alert of a page: crossing time, budget, threshold (unique together). */
	private record AlertCursor(Instant crossedAt, UUID budgetId, int threshold) {

		static AlertCursor parse(String text) {
			var parts = text.split("\\|", -1);
			try {
				return new AlertCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]), Integer.parseInt(parts[2]));
			}
			catch (RuntimeException e) {
				throw new InvalidRequestException("cursor is malformed; pass back the nextCursor of the previous page");
			}
		}

		@Override
		public String toString() {
			return crossedAt + "|" + budgetId + "|" + threshold;
		}
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
