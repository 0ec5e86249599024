package io.runledger.metering;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/**
 * The hard cap on the write path. Asked before a write that adds usage; refuses it with
 * {@link BudgetExceededException} while a hard-capped budget covering it is reached. The list of hard caps per
 * organisation is reused for a moment ({@code guard-refresh}), so an organisation without hard caps pays a map lookup
 * and never touches Redis; one with a cap pays one Redis read per write, so the write after the crossing is refused.
 * Usage comes from the live counters; when Redis is unreachable, from PostgreSQL (reused for the same moment).
 * Never called for reads: a budget cannot lock anyone out of their data.
 */
@Component
public class BudgetGuard {

	private final Budgets budgets;

	private final LiveCounters counters;

	private final UsageRollups rollups;

	private final BudgetUsage usage;

	private final MeteringProperties properties;

	private final Clock clock;

	private final Map<OrgId, Capped> capped = new ConcurrentHashMap<>();

	private final Map<OrgId, Fallback> fallbacks = new ConcurrentHashMap<>();

	BudgetGuard(Budgets budgets, LiveCounters counters, UsageRollups rollups, BudgetUsage usage,
			MeteringProperties properties, Clock clock) {
		this.budgets = budgets;
		this.counters = counters;
		this.rollups = rollups;
		this.usage = usage;
		this.properties = properties;
		this.clock = clock;
	}

	/** The organisation's hard-capped budgets, reused until {@code expires} (or until budgets change). */
	private record Capped(List<Budget> budgets, Instant expires) {
	}

	/** PostgreSQL's totals while Redis is unreachable, reused for a moment so an outage does not flood PostgreSQL. */
	private record Fallback(Map<String, BigDecimal> totals, Instant expires, Period period) {
	}

	/** Throws when a reached hard-capped budget covers usage of any of {@code meters} in {@code project}. */
	public void requireWritable(OrgId orgId, ProjectId project, Meter... meters) {
		if (!properties.enabled()) {
			return;
		}
		var now = clock.instant();
		var caps = capped.get(orgId);
		if (caps == null || now.isAfter(caps.expires())) {
			caps = new Capped(budgets.list(orgId).stream().filter(Budget::hardCap).toList(),
					now.plus(properties.guardRefresh()));
			capped.put(orgId, caps);
		}
		if (caps.budgets().isEmpty()) {
			return;
		}
		var period = Period.containing(now);
		Map<String, BigDecimal> totals = null;
		for (var budget : caps.budgets()) {
			for (var meter : meters) {
				if (budget.covers(project, meter)) {
					if (totals == null) {
						totals = totals(orgId, period, now);
					}
					if (usage.used(orgId, budget, period, totals).compareTo(budget.limit()) >= 0) {
						throw new BudgetExceededException(budget, Duration.between(now, period.end()));
					}
					break;
				}
			}
		}
	}

	@EventListener
	void on(Budgets.BudgetsChanged changed) {
		capped.remove(changed.orgId());
	}

	/** Forgets every cached budget list and fallback total (tests that change things behind the guard's back). */
	public void forgetDecisions() {
		capped.clear();
		fallbacks.clear();
	}

	private Map<String, BigDecimal> totals(OrgId orgId, Period period, Instant now) {
		var fallback = fallbacks.get(orgId);
		if (fallback != null && now.isBefore(fallback.expires()) && fallback.period().equals(period)) {
			return fallback.totals();
		}
		try {
			counters.flush(orgId);
			var live = counters.read(orgId, period);
			if (live != null) {
				fallbacks.remove(orgId);
				return live;
			}
		}
		catch (RuntimeException e) {
			counters.failed("read", e);
			var truth = rollups.periodTotals(orgId, period);
			fallbacks.put(orgId, new Fallback(truth, now.plus(properties.guardRefresh()), period));
			return truth;
		}
		return rebuild(orgId, period);
	}

	/** Missing counters (Redis restarted, or never built): rebuilt from PostgreSQL, the truth. */
	private Map<String, BigDecimal> rebuild(OrgId orgId, Period period) {
		var truth = rollups.periodTotals(orgId, period);
		try {
			counters.replace(orgId, period, truth);
		}
		catch (RuntimeException e) {
			counters.failed("rebuild", e);
		}
		return truth;
	}
}
