package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Usage per organisation × project × meter × hour, the unit billing rates and explains invoice lines with.
 * Quantities are in the meter's base unit ({@link Meter#baseUnit()}). Windows are half-open {@code [from, to)}.
 */
@Component
public class UsageRollups {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	UsageRollups(JdbcClient jdbc, TenantTransactions tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/** One hour of one meter's usage in one project (project null: usage not tied to a project). */
	public record Rollup(ProjectId project, Meter meter, Instant hour, BigDecimal quantity) {
	}

	public List<Rollup> hourly(OrgId orgId, Meter meter, Instant from, Instant to) {
		requireWindow(from, to);
		return tx.read(orgId, () -> jdbc.sql("""
				select project_id, date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC', sum(quantity)
				from usage_events where org_id = ? and meter = ? and occurred_at >= ? and occurred_at < ?
				group by 1, 2 order by 2, 1""")
			.params(orgId.value(), meter.name(), Timestamp.from(from), Timestamp.from(to))
			.query((rs, row) -> new Rollup(project(rs.getObject(1, UUID.class)), meter, rs.getTimestamp(2).toInstant(),
					rs.getBigDecimal(3)))
			.list());
	}

	public BigDecimal total(OrgId orgId, Meter meter, Instant from, Instant to) {
		return hourly(orgId, meter, from, to).stream().map(Rollup::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private static ProjectId project(UUID id) {
		return id == null ? null : new ProjectId(id);
	}

	static void requireWindow(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidRequestException("from must lie before to (the window is [from, to))");
		}
	}
}
