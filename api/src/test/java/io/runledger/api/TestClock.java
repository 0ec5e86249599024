package io.runledger.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in integration tests: it follows real time until a test moves it, so tests travel through
 * hours and months instead of sleeping. The context is shared between test classes, so a test that moves the clock
 * calls {@link #reset()} afterwards (an {@code @AfterEach}).
 */
@TestComponent
@Primary
public class TestClock extends Clock {

	private volatile Instant frozenAt;

	private volatile Duration offset = Duration.ZERO;

	/** Stops the clock at {@code instant}; it stays there until moved again. */
	public void freezeAt(Instant instant) {
		frozenAt = instant;
	}

	/** Moves the clock forward (frozen or not). */
	public void advance(Duration duration) {
		if (frozenAt != null) {
			frozenAt = frozenAt.plus(duration);
		}
		else {
			offset = offset.plus(duration);
		}
	}

	/** Back to real time. */
	public void reset() {
		frozenAt = null;
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		var frozen = frozenAt;
		return frozen != null ? frozen : Instant.now().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the application clock is always UTC");
	}
}
