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
 * {@link BudgetExceededException} while a hard-capped budget covering it is reached. The decision per organisation
 * is reused for a moment ({@code guard-refresh}), so the cost on ingestion is a map lookup; an organisation without
 * hard caps never touches Redis. Usage comes from the live counters; when Redis is unreachable, from PostgreSQL.
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

	private final Map<OrgId, Decision> decisions = new ConcurrentHashMap<>();

	BudgetGuard(Budgets budgets, LiveCounters counters, UsageRollups rollups, BudgetUsage usage,
			MeteringProperties properties, Clock clock) {
		this.budgets = budgets;
		this.counters = counters;
		this.rollups = rollups;
		this.usage = usage;
		this.properties = properties;
		this.clock = clock;
	}

	/** The hard-capped budgets reached when the decision was made; valid until {@code expires}. */
	private record Decision(List<Budget> reached, Instant expires, Period period) {
	}

	/** Throws when a reached hard-capped budget covers usage of any of {@code meters} in {@code project}. */
	public void requireWritable(OrgId orgId, ProjectId project, Meter... meters) {
		var now = clock.instant();
		var decision = decisions.get(orgId);
		if (decision == null || now.isAfter(decision.expires()) || !decision.period().contains(now)) {
			decision = decide(orgId, now);
			decisions.put(orgId, decision);
		}
		for (var budget : decision.reached()) {
			for (var meter : meters) {
				if (budget.covers(project, meter)) {
					throw new BudgetExceededException(budget, Duration.between(now, decision.period().end()));
				}
			}
		}
	}

	@EventListener
	void on(Budgets.BudgetsChanged changed) {
		decisions.remove(changed.orgId());
	}

	/** Forgets every cached decision (tests that move the clock or change usage behind the guard's back). */
	public void forgetDecisions() {
		decisions.clear();
	}

	private Decision decide(OrgId orgId, Instant now) {
		var period = Period.containing(now);
		var expires = now.plus(properties.guardRefresh());
		var capped = budgets.list(orgId).stream().filter(Budget::hardCap).toList();
		if (capped.isEmpty()) {
			return new Decision(List.of(), expires, period);
		}
		var totals = totals(orgId, period);
		var reached = capped.stream()
			.filter(b -> usage.used(orgId, b, period, totals).compareTo(b.limit()) >= 0)
			.toList();
		return new Decision(reached, expires, period);
	}

	/** Live counters when Redis answers (rebuilt from PostgreSQL when missing); PostgreSQL when it does not. */
	Map<String, BigDecimal> totals(OrgId orgId, Period period) {
		try {
			var live = counters.read(orgId, period);
			if (live != null) {
				return live;
			}
		}
		catch (RuntimeException e) {
			counters.failed("read", e);
			return rollups.periodTotals(orgId, period);
		}
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
