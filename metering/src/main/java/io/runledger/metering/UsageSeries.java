package io.runledger.metering;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/** Usage over time for one organisation: totals per hour or day over a half-open window [from, to), in UTC. */
@Component
public class UsageSeries {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	UsageSeries(JdbcClient jdbc, TenantTransactions tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	public enum Granularity {
		HOUR, DAY
	}

	public record Bucket(Instant start, BigDecimal quantity) {
	}

	public List<Bucket> series(OrgId orgId, Meter meter, Instant from, Instant to, Granularity granularity) {
		if (!from.isBefore(to)) {
			throw new InvalidRequestException("from must lie before to (the window is [from, to))");
		}
		var unit = granularity == Granularity.HOUR ? "hour" : "day";
		return tx.read(orgId, () -> jdbc.sql("""
				select date_trunc('%s', occurred_at at time zone 'UTC') at time zone 'UTC' as bucket, sum(quantity)
				from usage_events where org_id = ? and meter = ? and occurred_at >= ? and occurred_at < ?
				group by 1 order by 1""".formatted(unit))
			.params(orgId.value(), meter.name(), Timestamp.from(from), Timestamp.from(to))
			.query((rs, row) -> new Bucket(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2)))
			.list());
	}

	public BigDecimal total(OrgId orgId, Meter meter, Instant from, Instant to) {
		return series(orgId, meter, from, to, Granularity.DAY).stream()
			.map(Bucket::quantity)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}
}
