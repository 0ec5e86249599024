package io.runledger.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.runledger.metering.Meter;
import io.runledger.tenancy.InvalidRequestException;

/**
 * A price plan: per-meter prices in one currency. Seats are never priced: nothing here knows how many people an
 * organisation has, and viewers are free by construction. A meter the plan does not price is free.
 */
public record Plan(String name, Currency currency, List<MeterPrice> prices) {

	/**
	 * The public plan every organisation is on unless given a custom one: each month the first 10M data points, 100
	 * tracked hours and 10 GB-months of storage are free.
	 */
	public static final Plan PUBLIC = new Plan("public", Currency.getInstance("USD"), List.of(
			new MeterPrice(PriceUnit.MILLION_DATA_POINTS, new BigDecimal("10"), TierMode.GRADUATED,
					List.of(Tier.upTo("990", "2.00"), Tier.above("1.00"))),
			new MeterPrice(PriceUnit.TRACKED_HOUR, new BigDecimal("100"), TierMode.GRADUATED,
					List.of(Tier.upTo("9900", "0.05"), Tier.above("0.03"))),
			new MeterPrice(PriceUnit.GB_MONTH, new BigDecimal("10"), TierMode.VOLUME,
					List.of(Tier.upTo("1000", "0.10"), Tier.above("0.08")))));

	public Plan {
		if (name == null || name.isBlank()) {
			throw new InvalidRequestException("a plan needs a name");
		}
		Objects.requireNonNull(currency, "currency");
		prices = List.copyOf(Objects.requireNonNull(prices, "prices"));
		var seen = new EnumMap<Meter, Boolean>(Meter.class);
		for (var price : prices) {
			if (seen.put(price.meter(), true) != null) {
				throw new InvalidRequestException("plan '" + name + "' prices " + price.meter() + " twice");
			}
		}
	}

	public Optional<MeterPrice> priceOf(Meter meter) {
		return prices.stream().filter(price -> price.meter() == meter).findFirst();
	}

	Map<Meter, MeterPrice> byMeter() {
		var map = new EnumMap<Meter, MeterPrice>(Meter.class);
		prices.forEach(price -> map.put(price.meter(), price));
		return map;
	}
}
