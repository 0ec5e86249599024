package io.runledger.api.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.metering.CurrentUsage;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageSeries;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Usage")
class UsageController {

	private final UsageSeries usage;

	private final CurrentUsage current;

	private final Projects projects;

	UsageController(UsageSeries usage, CurrentUsage current, Projects projects) {
		this.usage = usage;
		this.current = current;
		this.projects = projects;
	}

	record UsageView(String meter, String unit, String granularity, Instant from, Instant to, String project,
			BigDecimal total, List<UsageSeries.Bucket> buckets) {
	}

	@GetMapping("/api/v1/usage")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "Usage of one meter per hour, day or month over [from, to), UTC; optionally one project. "
			+ "Quantities are in the meter's base unit: points, seconds, byte-seconds")
	UsageView usage(CallerIdentity caller, @RequestParam String meter, @RequestParam String from,
			@RequestParam String to, @RequestParam(defaultValue = "DAY") String granularity,
			@RequestParam(required = false) String project) {
		var m = parse(Meter.class, meter, "meter");
		var g = parse(UsageSeries.Granularity.class, granularity, "granularity");
		var start = instant(from, "from");
		var end = instant(to, "to");
		ProjectId projectId = null;
		if (project != null) {
			projectId = ProjectId.parse(project);
			projects.get(caller.orgId(), projectId);
		}
		var buckets = usage.series(caller.orgId(), m, projectId, start, end, g);
		var total = buckets.stream().map(UsageSeries.Bucket::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new UsageView(m.name(), m.baseUnit(), g.name(), start, end, project, total, buckets);
	}

	@GetMapping("/api/v1/usage/current")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "This month's usage per meter, for the organisation and per project, with the projected "
			+ "end-of-month usage at the current rate")
	CurrentUsage.Summary current(CallerIdentity caller) {
		return current.summary(caller.orgId());
	}

	static <E extends Enum<E>> E parse(Class<E> type, String text, String name) {
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
		}
	}

	private static Instant instant(String text, String name) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException e) {
			throw new InvalidRequestException(name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
		}
	}
}
