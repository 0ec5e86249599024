package io.runledger.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.metering.Meter;
import io.runledger.metering.StorageIntegration;
import io.runledger.metering.UsageRecorder;
import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.TenantTransactions;

/**
 * Stored bytes integrate into byte-seconds per hour over uploads and deletes; hourly roll-ups equal the events they
 * come from and rolling up (or integrating) twice changes nothing.
 */
@IntegrationTest
class StorageAndRollupTests {

	static final Instant T0 = Instant.parse("2026-02-03T08:00:00Z");

	static final long GB = 1_000_000_000L;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	UsageRecorder recorder;

	@Autowired
	StorageIntegration storage;

	@Autowired
	UsageRollups rollups;

	@Autowired
	TenantTransactions tx;

	@Autowired
	JdbcClient jdbc;

	TestTenants.Tenant acme;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		clock.freezeAt(T0);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	void stored(String eventId, long delta) {
		tx.writeVoid(acme.orgId(), () -> recorder.storageChanged(acme.orgId(), eventId, acme.project().id(), delta));
	}

	BigDecimal byteSeconds(Instant from, Instant to) {
		return rollups.total(acme.orgId(), Meter.STORAGE_BYTES, from, to).stripTrailingZeros();
	}

	@Test
	void bytes_kept_integrate_into_byte_seconds_per_hour_across_uploads_and_deletes() {
		clock.advance(Duration.ofMinutes(15));
		stored("file-a:stored", 2 * GB); // 08:15 → 2 GB
		clock.advance(Duration.ofMinutes(30));
		stored("file-b:stored", GB); // 08:45 → 3 GB
		clock.advance(Duration.ofMinutes(45));
		stored("file-a:deleted", -2 * GB); // 09:30 → 1 GB
		clock.advance(Duration.ofHours(2)); // 11:30: hours 08, 09, 10 are over (and past the margin)

		assertThat(storage.integrate(acme.orgId())).isEqualTo(3);

		var hour8 = BigDecimal.valueOf(2 * GB * 1800 + 3 * GB * 900);
		var hour9 = BigDecimal.valueOf(3 * GB * 1800 + GB * 1800);
		var hour10 = BigDecimal.valueOf(GB * 3600);
		assertThat(byteSeconds(T0, T0.plus(Duration.ofHours(1)))).isEqualByComparingTo(hour8);
		assertThat(byteSeconds(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)))).isEqualByComparingTo(hour9);
		assertThat(byteSeconds(T0, T0.plus(Duration.ofDays(1)))).isEqualByComparingTo(hour8.add(hour9).add(hour10));

		// Integrating again, even after another roll-up, changes nothing.
		assertThat(storage.integrate(acme.orgId())).isZero();
		assertThat(byteSeconds(T0, T0.plus(Duration.ofDays(1)))).isEqualByComparingTo(hour8.add(hour9).add(hour10));
	}

	@Test
	void a_file_deleted_after_a_day_costs_a_thirtieth_of_one_kept_for_thirty_days() {
		stored("short:stored", GB);
		clock.advance(Duration.ofDays(1));
		stored("short:deleted", -GB);
		clock.advance(Duration.ofDays(30));
		storage.integrate(acme.orgId());
		var oneDay = byteSeconds(T0, T0.plus(Duration.ofDays(40)));

		stored("long:stored", GB);
		clock.advance(Duration.ofDays(30));
		stored("long:deleted", -GB);
		clock.advance(Duration.ofHours(2));
		storage.integrate(acme.orgId());
		var total = byteSeconds(T0, T0.plus(Duration.ofDays(90)));

		assertThat(oneDay).isEqualByComparingTo(BigDecimal.valueOf(GB * 86_400));
		assertThat(total.subtract(oneDay)).isEqualByComparingTo(BigDecimal.valueOf(GB * 86_400 * 30));
	}

	@Test
	void a_retried_storage_change_with_the_same_event_id_counts_once() {
		stored("file-c:stored", GB);
		stored("file-c:stored", GB);
		clock.advance(Duration.ofHours(2));
		storage.integrate(acme.orgId());

		assertThat(byteSeconds(T0, T0.plus(Duration.ofHours(1)))).isEqualByComparingTo(BigDecimal.valueOf(GB * 3600));
	}

	@Test
	void hourly_rollups_equal_the_sum_of_their_events_and_rolling_up_twice_changes_nothing() {
		for (int i = 0; i < 7; i++) {
			int n = i;
			tx.writeVoid(acme.orgId(), () -> recorder.record(acme.orgId(), "points:test:" + n, Meter.DATA_POINTS,
					acme.project().id(), null, BigDecimal.valueOf(1000 + n)));
			clock.advance(Duration.ofMinutes(25));
		}
		rollups.rollUp(acme.orgId());
		var firstHours = hourRows();
		assertThat(rollups.rollUp(acme.orgId())).isZero();
		assertThat(hourRows()).isEqualTo(firstHours);

		var events = tx.read(acme.orgId(), () -> jdbc.sql("select sum(quantity) from usage_events where org_id = ?")
			.param(acme.orgId().value())
			.query(BigDecimal.class)
			.single());
		assertThat(events).isEqualByComparingTo("7021");
		assertThat(rollups.total(acme.orgId(), Meter.DATA_POINTS, T0, T0.plus(Duration.ofDays(1))))
			.isEqualByComparingTo(events);
		// 08:00, 08:25, 08:50 | 09:15, 09:40 | 10:05, 10:30
		assertThat(rollups.hourly(acme.orgId(), Meter.DATA_POINTS, T0, T0.plus(Duration.ofDays(1))))
			.extracting(r -> r.quantity().intValue())
			.containsExactly(1000 + 1001 + 1002, 1003 + 1004, 1005 + 1006);
	}

	String hourRows() {
		return tx.read(acme.orgId(), () -> jdbc.sql("""
				select string_agg(meter || hour || project_key || quantity || '/' || events, ',' order by hour)
				from usage_hourly where org_id = ?""")
			.param(acme.orgId().value())
			.query(String.class)
			.single());
	}
}
