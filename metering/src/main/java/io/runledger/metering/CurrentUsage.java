package io.runledger.metering;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/** The current period's usage per meter (and per project), with the end-of-period forecast. Exact, from PostgreSQL. */
@Component
public class CurrentUsage {

	private final UsageRollups rollups;

	private final Clock clock;

	CurrentUsage(UsageRollups rollups, Clock clock) {
		this.rollups = rollups;
		this.clock = clock;
	}

	public record MeterUsage(Meter meter, String unit, ProjectId project, BigDecimal used, BigDecimal forecast) {
	}

	public record Summary(Period period, List<MeterUsage> organisation, List<MeterUsage> projects) {
	}

	public Summary summary(OrgId orgId) {
		var now = clock.instant();
		var period = Period.containing(now);
		var totals = rollups.periodTotals(orgId, period);
		var organisation = new ArrayList<MeterUsage>();
		for (var meter : Meter.values()) {
			var used = totals.getOrDefault(meter.name(), BigDecimal.ZERO);
			organisation.add(new MeterUsage(meter, meter.baseUnit(), null, used, Forecast.endOfPeriod(used, period, now)));
		}
		var projects = new ArrayList<MeterUsage>();
		totals.forEach((field, used) -> {
			int colon = field.indexOf(':');
			if (colon > 0) {
				var meter = Meter.valueOf(field.substring(0, colon));
				projects.add(new MeterUsage(meter, meter.baseUnit(), ProjectId.parse(field.substring(colon + 1)), used,
						Forecast.endOfPeriod(used, period, now)));
			}
		});
		projects.sort((a, b) -> a.project().toString().compareTo(b.project().toString()) != 0
				? a.project().toString().compareTo(b.project().toString()) : a.meter().compareTo(b.meter()));
		return new Summary(period, organisation, projects);
	}
}
