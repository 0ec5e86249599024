package io.runledger.api.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageSeries;
import io.runledger.tenancy.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Usage")
class UsageController {

	private final UsageSeries usage;

	UsageController(UsageSeries usage) {
		this.usage = usage;
	}

	record UsageView(String meter, String granularity, Instant from, Instant to, BigDecimal total,
			List<UsageSeries.Bucket> buckets) {
	}

	@GetMapping("/api/v1/usage")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The organisation's usage of one meter per hour or day over [from, to), UTC")
	UsageView usage(CallerIdentity caller, @RequestParam String meter, @RequestParam String from,
			@RequestParam String to, @RequestParam(defaultValue = "DAY") String granularity) {
		var m = parse(Meter.class, meter, "meter");
		var g = parse(UsageSeries.Granularity.class, granularity, "granularity");
		var start = instant(from, "from");
		var end = instant(to, "to");
		var buckets = usage.series(caller.orgId(), m, start, end, g);
		var total = buckets.stream().map(UsageSeries.Bucket::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new UsageView(m.name(), g.name(), start, end, total, buckets);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String name) {
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
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
