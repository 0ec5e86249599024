package io.runledger.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class ForecastAndPeriodTest {

	final Period november = new Period(YearMonth.of(2026, 11));

	@Test
	void a_period_is_the_half_open_calendar_month_in_utc() {
		assertThat(november.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
		assertThat(november.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(november.contains(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
		assertThat(november.contains(Instant.parse("2026-11-30T23:59:59.999Z"))).isTrue();
		assertThat(november.contains(Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
		assertThat(Period.containing(Instant.parse("2026-12-01T00:00:00Z")).month()).isEqualTo(YearMonth.of(2026, 12));
	}

	@Test
	void the_forecast_extends_the_rate_so_far_to_the_whole_period() {
		// A third of November (10 of 30 days) has passed with 1,000 used: 3,000 by the end.
		assertThat(Forecast.endOfPeriod(BigDecimal.valueOf(1000), november, Instant.parse("2026-11-11T00:00:00Z")))
			.isEqualByComparingTo("3000");
	}

	@Test
	void the_forecast_is_the_usage_so_far_in_the_first_hour_and_outside_the_period() {
		assertThat(Forecast.endOfPeriod(BigDecimal.TEN, november, Instant.parse("2026-11-01T00:30:00Z")))
			.isEqualByComparingTo("10");
		assertThat(Forecast.endOfPeriod(BigDecimal.TEN, november, Instant.parse("2026-12-05T00:00:00Z")))
			.isEqualByComparingTo("10");
		assertThat(Forecast.endOfPeriod(BigDecimal.ZERO, november, Instant.parse("2026-11-20T00:00:00Z")))
			.isEqualByComparingTo("0");
	}
}
