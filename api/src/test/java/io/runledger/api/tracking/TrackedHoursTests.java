package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/**
 * Tracked hours are the wall-clock time runs spend RUNNING, to the second, cut at hour boundaries; crashed runs end
 * at their last heartbeat; reopened and revived runs add only new time. The clock is moved, never waited for.
 */
@IntegrationTest
class TrackedHoursTests {

	static final Instant T0 = Instant.parse("2026-03-10T10:50:00Z");

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	CrashDetector crashDetector;

	@Autowired
	TrackedTime trackedTime;

	TestTenants.Tenant acme;

	Http member;

	Http admin;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new Http(port).bearer(acme.key(Role.MEMBER));
		admin = new Http(port).bearer(acme.key(Role.ADMIN));
		clock.freezeAt(T0);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	String startRun() {
		var response = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	void logPoint(String run, int step) {
		var response = member.post("/api/v1/runs/" + run + "/metrics",
				"{\"series\":[{\"key\":\"loss\",\"steps\":[" + step + "],\"values\":[0.5]}]}");
		assertThat(response.status()).as(response.toString()).isLessThan(300);
	}

	void setState(String run, String state) {
		var response = member.patch("/api/v1/runs/" + run, "{\"state\":\"" + state + "\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/** Tracked seconds per hour bucket (ISO hour → seconds), read through the usage API. */
	Map<String, BigDecimal> secondsPerHour() {
		var response = admin.get("/api/v1/usage?meter=TRACKED_HOURS&granularity=HOUR&from=2026-03-01T00:00:00Z"
				+ "&to=2026-04-01T00:00:00Z");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("unit").asString()).isEqualTo("second");
		var result = new LinkedHashMap<String, BigDecimal>();
		response.json().get("buckets").valueStream().forEach(b -> result.put(b.get("start").asString(),
				new BigDecimal(b.get("quantity").asString()).stripTrailingZeros()));
		return result;
	}

	static Map<String, BigDecimal> hours(Object... hourAndSeconds) {
		var result = new LinkedHashMap<String, BigDecimal>();
		for (int i = 0; i < hourAndSeconds.length; i += 2) {
			result.put("2026-03-10T" + hourAndSeconds[i] + ":00:00Z",
					new BigDecimal(hourAndSeconds[i + 1].toString()).stripTrailingZeros());
		}
		return result;
	}

	@Test
	void a_finished_run_is_charged_its_duration_to_the_second_split_across_the_hours_it_spans() {
		var run = startRun();
		clock.advance(Duration.ofMinutes(30));
		logPoint(run, 1);
		clock.advance(Duration.ofMinutes(50).plusSeconds(30).plusMillis(250));
		setState(run, "FINISHED");

		// 10:50:00 → 12:10:30.250: 600 s in the 10 o'clock hour, 3600 in the 11, 630.25 in the 12.
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 3600, "12", "630.25"));
	}

	@Test
	void running_runs_are_reported_up_to_their_latest_heartbeat_and_the_rest_when_they_end_without_double_counting() {
		var run = startRun();
		clock.advance(Duration.ofMinutes(20));
		logPoint(run, 1);
		clock.advance(Duration.ofMinutes(5));
		assertThat(trackedTime.reportRunning()).isGreaterThanOrEqualTo(1);
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 600));

		// Reporting again with no new heartbeat adds nothing.
		trackedTime.reportRunning();
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 600));

		clock.advance(Duration.ofMinutes(10));
		setState(run, "FAILED");
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 1500));
	}

	@Test
	void a_crashed_run_is_charged_up_to_its_last_heartbeat_and_a_revived_one_only_for_the_time_after_revival() {
		var run = startRun();
		clock.advance(Duration.ofMinutes(5));
		logPoint(run, 1); // last sign of life at 10:55
		clock.advance(Duration.ofMinutes(30)); // silent past the 10-minute heartbeat timeout
		assertThat(crashDetector.markSilentRunsCrashed()).isGreaterThanOrEqualTo(1);
		assertThat(member.get("/api/v1/runs/" + run).json().get("state").asString()).isEqualTo("CRASHED");
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300));

		// 11:25: the process turns out to be alive; the 30 silent minutes are not charged.
		logPoint(run, 2);
		clock.advance(Duration.ofMinutes(15));
		setState(run, "FINISHED");
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300, "11", 900));
	}

	@Test
	void a_reopened_run_adds_only_the_time_after_it_was_reopened() {
		var run = startRun();
		clock.advance(Duration.ofMinutes(5));
		setState(run, "FINISHED"); // 300 s
		clock.advance(Duration.ofHours(2)); // 12:55, finished all along
		setState(run, "RUNNING");
		clock.advance(Duration.ofMinutes(10));
		setState(run, "KILLED"); // 12:55 → 13:05

		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300, "12", 300, "13", 300));
		// Ending it again as the same state changes nothing.
		setState(run, "KILLED");
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300, "12", 300, "13", 300));
	}

	@Test
	void concurrent_runs_add_up_and_the_hourly_rollups_are_the_same_however_often_they_are_read() {
		var first = startRun();
		clock.advance(Duration.ofMinutes(4));
		var second = startRun();
		clock.advance(Duration.ofMinutes(6));
		setState(first, "FINISHED"); // 600 s
		setState(second, "FINISHED"); // 360 s

		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 960));
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 960));
	}

	@Test
	void time_before_a_run_existed_here_and_end_times_in_the_future_are_never_charged() {
		// An imported run: started a year ago by its own account, created now, ended by the client far in the future.
		var created = member.post("/api/v1/projects/" + acme.project().id() + "/runs",
				"{\"startTime\":\"2025-03-10T10:50:00Z\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("startTime").asString()).startsWith("2025-03-10T10:50");
		var run = created.json().get("id").asString();
		clock.advance(Duration.ofMinutes(2));
		var ended = member.patch("/api/v1/runs/" + run, "{\"state\":\"FINISHED\",\"endTime\":\"2999-01-01T00:00:00Z\"}");
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);

		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 120));
	}
}
