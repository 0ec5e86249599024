package io.runledger.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.metering.Meter;
import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which plan prices an organisation's usage when: the public plan, unless a custom plan was assigned from a date on.
 * Assignments start at midnight UTC, so every usage hour falls wholly under one plan.
 */
@Component
public class BillingPlans {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final AuditLog audit;

	private final UsageRollups rollups;

	private final Clock clock;

	BillingPlans(JdbcClient jdbc, TenantTransactions tx, AuditLog audit, UsageRollups rollups, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.rollups = rollups;
		this.clock = clock;
	}

	/** A plan and the instant from which it applies; the public plan applies from the beginning of time. */
	public record Assignment(Instant effectiveFrom, Plan plan) {
	}

	/** Every plan the organisation has had or will have, oldest first, starting with the public plan. */
	public List<Assignment> assignments(OrgId orgId) {
		var all = new ArrayList<Assignment>();
		all.add(new Assignment(Instant.EPOCH, Plan.PUBLIC));
		all.addAll(tx.read(orgId, () -> jdbc.sql("""
				select effective_from, plan from plan_assignments where org_id = ? order by effective_from""")
			.param(orgId.value())
			.query((rs, row) -> new Assignment(rs.getTimestamp(1).toInstant(),
					JSON.readValue(rs.getString(2), Plan.class)))
			.list()));
		return all;
	}

	public Plan planAt(OrgId orgId, Instant at) {
		return planAt(assignments(orgId), at);
	}

	/** The plan in effect now. */
	public Plan current(OrgId orgId) {
		return planAt(orgId, clock.instant());
	}

	/**
	 * Gives the organisation {@code plan} from the start of {@code from} (UTC). A date inside a period that is
	 * already invoiced is refused: a finalized invoice is never re-priced. All of an organisation's plans share one
	 * currency.
	 */
	public void assign(OrgId orgId, Plan plan, LocalDate from, Actor actor) {
		var start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
		tx.writeVoid(orgId, () -> {
			var lastInvoiced = jdbc.sql("select max(period_end) from invoices where org_id = ?")
				.param(orgId.value())
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant);
			if (lastInvoiced.isPresent() && start.isBefore(lastInvoiced.get())) {
				throw new ConflictException("billing is closed up to " + lastInvoiced.get()
						+ "; a plan can only change after that");
			}
			var before = planAt(orgId, start);
			if (!before.currency().equals(plan.currency())) {
				// Late usage of one month is billed on the next invoice, so months must share a currency.
				throw new InvalidRequestException("an organisation's plans share one currency ("
						+ before.currency().getCurrencyCode() + "); this plan is in "
						+ plan.currency().getCurrencyCode());
			}
			try {
				jdbc.sql("""
						insert into plan_assignments (org_id, effective_from, plan, assigned_at)
						values (?, ?, ?::jsonb, ?)""")
					.params(orgId.value(), Timestamp.from(start), JSON.writeValueAsString(plan),
							Timestamp.from(clock.instant()))
					.update();
			}
			catch (DuplicateKeyException e) {
				throw new ConflictException("the organisation already changes plan on " + from);
			}
			audit.record(orgId, actor, "billing.plan.assigned", "plan", plan.name(),
					Map.of("effectiveFrom", start.toString(), "currency", plan.currency().getCurrencyCode()));
		});
	}

	/**
	 * The period split at every plan change inside it, each part with the usage that happened in it. Usage comes
	 * from the hourly roll-ups, so this is what an invoice line's drill-down shows.
	 */
	List<PlanSegment> segments(OrgId orgId, BillingPeriod period) {
		var assignments = assignments(orgId);
		var boundaries = new ArrayList<Instant>();
		boundaries.add(period.start());
		assignments.stream()
			.map(Assignment::effectiveFrom)
			.filter(at -> at.isAfter(period.start()) && at.isBefore(period.end()))
			.forEach(boundaries::add);
		boundaries.add(period.end());
		var usage = new EnumMap<Meter, List<UsageRollups.Rollup>>(Meter.class);
		for (var meter : Meter.values()) {
			usage.put(meter, rollups.hourly(orgId, meter, period.start(), period.end()));
		}
		var segments = new ArrayList<PlanSegment>();
		for (int i = 0; i + 1 < boundaries.size(); i++) {
			var from = boundaries.get(i);
			var to = boundaries.get(i + 1);
			var quantities = new EnumMap<Meter, BigDecimal>(Meter.class);
			usage.forEach((meter, hours) -> quantities.put(meter, hours.stream()
				.filter(hour -> !hour.hour().isBefore(from) && hour.hour().isBefore(to))
				.map(UsageRollups.Rollup::quantity)
				.reduce(BigDecimal.ZERO, BigDecimal::add)));
			segments.add(new PlanSegment(planAt(assignments, from), quantities));
		}
		return segments;
	}

	private static Plan planAt(List<Assignment> assignments, Instant at) {
		Plan plan = Plan.PUBLIC;
		for (var assignment : assignments) {
			if (!assignment.effectiveFrom().isAfter(at)) {
				plan = assignment.plan();
			}
		}
		return plan;
	}
}
