package io.runledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.runledger.metering.Meter;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Money;

class RatingTests {

	static final Currency USD = Currency.getInstance("USD");

	static final BigDecimal MILLION = new BigDecimal("1000000");

	static final BigDecimal HOUR = new BigDecimal("3600");

	static final BigDecimal GB_MONTH = new BigDecimal("2628000000000000");

	/** Graduated: 10 free; up to 100 more at 1.00, up to 1,000 more at 0.50, then 0.25. */
	static Plan graduated(String name, String free, String... prices) {
		return new Plan(name, USD, List.of(new MeterPrice(PriceUnit.MILLION_DATA_POINTS, new BigDecimal(free),
				TierMode.GRADUATED, List.of(Tier.upTo("100", prices[0]), Tier.upTo("1000", prices[1]),
						Tier.above(prices[2])))));
	}

	static Plan volume(String free) {
		return new Plan("volume", USD, List.of(new MeterPrice(PriceUnit.TRACKED_HOUR, new BigDecimal(free),
				TierMode.VOLUME, List.of(Tier.upTo("100", "1.00"), Tier.upTo("1000", "0.50"), Tier.above("0.25")))));
	}

	static RatedLine line(Plan plan, Meter meter, BigDecimal base) {
		return line(List.of(new PlanSegment(plan, Map.of(meter, base))), meter);
	}

	static RatedLine line(List<PlanSegment> segments, Meter meter) {
		return Rating.rate(segments, Map.of()).stream().filter(l -> l.meter() == meter).findFirst().orElseThrow();
	}

	static Money usd(String amount) {
		return Money.of(amount, "USD");
	}

	@ParameterizedTest(name = "{0}M points cost {1}")
	@CsvSource({ "0, 0.00", "5, 0.00", "10, 0.00", "11, 1.00", "110, 100.00", "111, 100.50", "1010, 550.00",
			"1011, 550.25", "2010, 800.00" })
	void graduated_tiers_price_each_slice_after_the_free_allowance(String millions, String amount) {
		var line = line(graduated("g", "10", "1.00", "0.50", "0.25"), Meter.DATA_POINTS,
				new BigDecimal(millions).multiply(MILLION));

		assertThat(line.amount()).isEqualTo(usd(amount));
		assertThat(line.quantity()).isEqualByComparingTo(new BigDecimal(millions).multiply(MILLION));
	}

	@ParameterizedTest(name = "{0} hours cost {1}")
	@CsvSource({ "0, 0.00", "10, 0.00", "60, 50.00", "110, 100.00", "110.5, 50.25", "1010, 500.00",
			"1010.5, 250.12", "2010, 500.00" })
	void volume_tiers_price_everything_at_the_tier_reached_and_upper_bounds_are_inclusive(String hours, String amount) {
		var line = line(volume("10"), Meter.TRACKED_HOURS, new BigDecimal(hours).multiply(HOUR));

		assertThat(line.amount()).isEqualTo(usd(amount));
	}

	@Test
	void a_tier_breakdown_shows_the_included_part_and_each_tier_slice_in_price_units() {
		var line = line(graduated("g", "10", "1.00", "0.50", "0.25"), Meter.DATA_POINTS,
				new BigDecimal("150").multiply(MILLION));

		assertThat(line.tiers()).extracting(RatedLine.TierCharge::tier, c -> c.from().toPlainString(),
				c -> c.to().toPlainString(), c -> c.amount().stripTrailingZeros().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("included", "0", "10", "0"),
					org.assertj.core.groups.Tuple.tuple("tier 1", "10", "110", "100"),
					org.assertj.core.groups.Tuple.tuple("tier 2", "110", "150", "20"));
		assertThat(line.unitPrice()).isNull();
		assertThat(line.unit()).isEqualTo(PriceUnit.MILLION_DATA_POINTS);
	}

	@Test
	void a_line_priced_by_one_tier_names_its_unit_price() {
		var line = line(graduated("g", "10", "1.00", "0.50", "0.25"), Meter.DATA_POINTS, new BigDecimal("50000000"));

		assertThat(line.unitPrice()).isEqualByComparingTo("1.00");
		assertThat(line.amount()).isEqualTo(usd("40.00"));
	}

	@Test
	void zero_usage_rates_every_meter_at_zero() {
		var lines = Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, Map.of())), Map.of());

		assertThat(lines).extracting(RatedLine::meter).containsExactly(Meter.values());
		assertThat(lines).allSatisfy(l -> {
			assertThat(l.amount()).isEqualTo(usd("0.00"));
			assertThat(l.tiers()).isEmpty();
			assertThat(l.unitPrice()).isEqualByComparingTo("0");
		});
	}

	@Test
	void the_public_plan_gives_10m_points_100_hours_and_10_gb_months_free() {
		var usage = Map.of(Meter.DATA_POINTS, new BigDecimal("10000000"), Meter.TRACKED_HOURS,
				new BigDecimal("100").multiply(HOUR), Meter.STORAGE_BYTES, BigDecimal.TEN.multiply(GB_MONTH));

		var lines = Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, usage)), Map.of());

		assertThat(lines).allSatisfy(l -> assertThat(l.amount()).isEqualTo(usd("0.00")));
		var oneMore = Map.of(Meter.DATA_POINTS, new BigDecimal("11000000"), Meter.TRACKED_HOURS,
				new BigDecimal("101").multiply(HOUR), Meter.STORAGE_BYTES, new BigDecimal("11").multiply(GB_MONTH));
		assertThat(Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, oneMore)), Map.of()))
			.extracting(RatedLine::amount)
			.containsExactly(usd("2.00"), usd("0.05"), usd("0.10"));
	}

	@Test
	void a_gb_month_is_ten_to_the_ninth_bytes_kept_for_730_hours() {
		assertThat(PriceUnit.GB_MONTH.baseUnits())
			.isEqualByComparingTo(new BigDecimal("1000000000").multiply(new BigDecimal(730 * 3600)));
	}

	@ParameterizedTest(name = "{0} seconds at 0.05/h round to {1}")
	@CsvSource({ "90, 0.00", "450, 0.01", "1, 0.00", "2610, 0.04", "3330, 0.05", "36, 0.00", "4, 0.00" })
	void rounding_happens_once_per_line_half_even_to_cents(String seconds, String amount) {
		var plan = new Plan("p", USD, List.of(new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO,
				TierMode.GRADUATED, List.of(Tier.above("0.05")))));

		assertThat(line(plan, Meter.TRACKED_HOURS, new BigDecimal(seconds)).amount()).isEqualTo(usd(amount));
	}

	@Test
	void half_a_cent_rounds_to_the_even_cent() {
		var plan = new Plan("p", USD, List.of(new MeterPrice(PriceUnit.MILLION_DATA_POINTS, BigDecimal.ZERO,
				TierMode.GRADUATED, List.of(Tier.above("0.01")))));

		assertThat(line(plan, Meter.DATA_POINTS, new BigDecimal("500000")).amount()).isEqualTo(usd("0.00"));
		assertThat(line(plan, Meter.DATA_POINTS, new BigDecimal("1500000")).amount()).isEqualTo(usd("0.02"));
		assertThat(line(plan, Meter.DATA_POINTS, new BigDecimal("2500000")).amount()).isEqualTo(usd("0.02"));
	}

	@Test
	void tiny_slices_are_summed_exactly_before_the_one_rounding() {
		// Three slices of 0.4 cents each: rounded one by one they would be 0.00; summed first they are 0.01.
		var plan = new Plan("p", USD, List.of(new MeterPrice(PriceUnit.MILLION_DATA_POINTS, BigDecimal.ZERO,
				TierMode.GRADUATED, List.of(Tier.upTo("0.4", "0.01"), Tier.upTo("0.8", "0.01"), Tier.above("0.01")))));

		assertThat(line(plan, Meter.DATA_POINTS, new BigDecimal("1200000")).amount()).isEqualTo(usd("0.01"));
	}

	@Test
	void usage_before_a_mid_period_plan_change_keeps_the_old_prices_and_the_allowance_is_granted_once() {
		var old = graduated("old", "10", "1.00", "0.50", "0.25");
		var custom = graduated("custom", "10", "0.10", "0.10", "0.10");
		var before = new PlanSegment(old, Map.of(Meter.DATA_POINTS, new BigDecimal("30").multiply(MILLION)));
		var after = new PlanSegment(custom, Map.of(Meter.DATA_POINTS, new BigDecimal("50").multiply(MILLION)));

		var line = line(List.of(before, after), Meter.DATA_POINTS);

		// old: 10 free + 20 at 1.00; custom: the next 50 at 0.10 (no second allowance)
		assertThat(line.amount()).isEqualTo(usd("25.00"));
		assertThat(line.tiers()).extracting(RatedLine.TierCharge::plan).containsExactly("old", "old", "custom");
		assertThat(line.totalQuantity()).isEqualByComparingTo(new BigDecimal("80").multiply(MILLION));
	}

	@Test
	void a_plan_change_while_still_inside_the_allowance_leaves_the_rest_of_the_allowance_to_the_new_plan() {
		var old = graduated("old", "10", "1.00", "1.00", "1.00");
		var bigger = graduated("bigger", "40", "2.00", "2.00", "2.00");
		var before = new PlanSegment(old, Map.of(Meter.DATA_POINTS, new BigDecimal("5").multiply(MILLION)));
		var after = new PlanSegment(bigger, Map.of(Meter.DATA_POINTS, new BigDecimal("45").multiply(MILLION)));

		assertThat(line(List.of(before, after), Meter.DATA_POINTS).amount()).isEqualTo(usd("20.00"));
	}

	@Test
	void volume_tiers_across_a_plan_change_use_the_tier_the_whole_period_reaches() {
		var first = new PlanSegment(volume("0"), Map.of(Meter.TRACKED_HOURS, new BigDecimal("80").multiply(HOUR)));
		var second = new PlanSegment(volume("0"), Map.of(Meter.TRACKED_HOURS, new BigDecimal("40").multiply(HOUR)));

		assertThat(line(List.of(first, second), Meter.TRACKED_HOURS).amount()).isEqualTo(usd("60.00"));
	}

	@Test
	void a_segment_without_usage_of_a_meter_adds_nothing() {
		var first = new PlanSegment(volume("0"), Map.of());
		var second = new PlanSegment(volume("0"), Map.of(Meter.TRACKED_HOURS, new BigDecimal("10").multiply(HOUR)));

		assertThat(line(List.of(first, second), Meter.TRACKED_HOURS).amount()).isEqualTo(usd("10.00"));
	}

	@Test
	void a_meter_the_plan_does_not_price_is_free() {
		var line = line(volume("0"), Meter.DATA_POINTS, new BigDecimal("999000000"));

		assertThat(line.amount()).isEqualTo(usd("0.00"));
		assertThat(line.tiers()).extracting(RatedLine.TierCharge::tier).containsExactly("not priced");
	}

	@Test
	void what_was_already_billed_is_subtracted_so_late_usage_bills_only_the_difference() {
		var plan = graduated("g", "10", "1.00", "0.50", "0.25");
		var segments = List.of(new PlanSegment(plan, Map.of(Meter.DATA_POINTS, new BigDecimal("120").multiply(MILLION))));
		var billed = new Billed(new BigDecimal("100").multiply(MILLION), usd("90.00"));

		var line = Rating.rate(segments, Map.of(Meter.DATA_POINTS, billed)).getFirst();

		assertThat(line.owed()).isEqualTo(usd("105.00"));
		assertThat(line.alreadyBilled()).isEqualTo(usd("90.00"));
		assertThat(line.amount()).isEqualTo(usd("15.00"));
		assertThat(line.quantity()).isEqualByComparingTo(new BigDecimal("20").multiply(MILLION));
		assertThat(line.isEmpty()).isFalse();
	}

	@Test
	void nothing_new_since_the_last_bill_is_an_empty_line() {
		var plan = graduated("g", "10", "1.00", "0.50", "0.25");
		var segments = List.of(new PlanSegment(plan, Map.of(Meter.DATA_POINTS, new BigDecimal("20").multiply(MILLION))));

		var line = Rating.rate(segments,
				Map.of(Meter.DATA_POINTS, new Billed(new BigDecimal("20").multiply(MILLION), usd("10.00")))).getFirst();

		assertThat(line.isEmpty()).isTrue();
	}

	@Test
	void segments_in_different_currencies_are_refused() {
		var eur = new Plan("eur", Currency.getInstance("EUR"), List.of());

		assertThatThrownBy(() -> Rating.rate(List.of(new PlanSegment(Plan.PUBLIC, Map.of()), new PlanSegment(eur,
				Map.of())), Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one currency");
	}

	@Test
	void a_currency_without_minor_units_rounds_to_whole_units() {
		var yen = new Plan("yen", Currency.getInstance("JPY"), List.of(new MeterPrice(PriceUnit.MILLION_DATA_POINTS,
				BigDecimal.ZERO, TierMode.GRADUATED, List.of(Tier.above("3")))));

		assertThat(line(yen, Meter.DATA_POINTS, new BigDecimal("2500000")).amount()).isEqualTo(Money.of("8", "JPY"));
	}

	@Test
	void tiers_must_have_exactly_one_open_ended_tier_and_it_comes_last() {
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.GRADUATED,
				List.of(Tier.upTo("10", "1")))).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("exactly one tier, the last, must be open-ended");
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.GRADUATED,
				List.of(Tier.above("1"), Tier.above("2")))).isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.GRADUATED,
				List.of(Tier.above("1"), Tier.upTo("10", "2")))).isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.GRADUATED, List.of()))
			.isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one tier");
	}

	@Test
	void tier_bounds_must_be_positive_and_strictly_increasing() {
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.VOLUME,
				List.of(Tier.upTo("10", "1"), Tier.upTo("10", "1"), Tier.above("1"))))
			.isInstanceOf(InvalidRequestException.class).hasMessageContaining("strictly increasing");
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.VOLUME,
				List.of(Tier.upTo("0", "1"), Tier.above("1")))).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void negative_prices_and_allowances_are_refused() {
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, new BigDecimal("-1"), TierMode.VOLUME,
				List.of(Tier.above("1")))).isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.VOLUME,
				List.of(Tier.above("-0.01")))).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void a_plan_prices_each_meter_at_most_once_and_has_a_name() {
		var price = new MeterPrice(PriceUnit.TRACKED_HOUR, BigDecimal.ZERO, TierMode.VOLUME, List.of(Tier.above("1")));

		assertThatThrownBy(() -> new Plan("twice", USD, List.of(price, price))).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("twice");
		assertThatThrownBy(() -> new Plan(" ", USD, List.of())).isInstanceOf(InvalidRequestException.class);
	}
}
