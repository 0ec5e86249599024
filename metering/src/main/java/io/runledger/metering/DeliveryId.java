package io.runledger.metering;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

/** One delivery of an alert on one channel; stable across its retries, sent as {@code Runledger-Delivery-Id}. */
public record DeliveryId(@JsonValue UUID value) {

	public DeliveryId {
		Objects.requireNonNull(value, "delivery id");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
