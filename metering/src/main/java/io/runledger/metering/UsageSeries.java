package io.runledger.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/**
 * Usage over time for one organisation (optionally one project): totals per hour, day or month over a half-open
 * window {@code [from, to)} in UTC, from the hourly roll-ups. Empty buckets are left out.
 */
@Component
public class UsageSeries {

	private final UsageRollups rollups;

	UsageSeries(UsageRollups rollups) {
		this.rollups = rollups;
	}

	public enum Granularity {
		HOUR, DAY, MONTH
	}

	public record Bucket(Instant start, BigDecimal quantity) {
	}

	public List<Bucket> series(OrgId orgId, Meter meter, ProjectId project, Instant from, Instant to,
			Granularity granularity) {
		var buckets = new TreeMap<Instant, BigDecimal>();
		for (var rollup : rollups.hourly(orgId, meter, project, from, to)) {
			buckets.merge(bucketOf(rollup.hour(), granularity), rollup.quantity(), BigDecimal::add);
		}
		var result = new ArrayList<Bucket>(buckets.size());
		for (Map.Entry<Instant, BigDecimal> e : buckets.entrySet()) {
			result.add(new Bucket(e.getKey(), e.getValue()));
		}
		return result;
	}

	public List<Bucket> series(OrgId orgId, Meter meter, Instant from, Instant to, Granularity granularity) {
		return series(orgId, meter, null, from, to, granularity);
	}

	public BigDecimal total(OrgId orgId, Meter meter, Instant from, Instant to) {
		return rollups.total(orgId, meter, from, to);
	}

	private static Instant bucketOf(Instant hour, Granularity granularity) {
		return switch (granularity) {
			case HOUR -> hour;
			case DAY -> hour.truncatedTo(ChronoUnit.DAYS);
			case MONTH -> hour.atOffset(ZoneOffset.UTC).with(TemporalAdjusters.firstDayOfMonth())
				.truncatedTo(ChronoUnit.DAYS).toInstant();
		};
	}
}
