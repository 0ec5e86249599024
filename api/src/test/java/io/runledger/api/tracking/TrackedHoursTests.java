package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import tools.jackson.databind.JsonNode;

/**
 * Tracked hours are the wall-clock time runs show RUNNING, to the second, cut at hour boundaries, whatever the
 * client's clock says; crashed runs end at their last heartbeat; reopened and revived runs add only new time. A silent
 * run is not a failed run: MLflow clients send no heartbeats, so their runs are quiet, not CRASHED, when they log
 * nothing for a while; quiet time is not charged past the last sign of life. The clock is moved, never waited for.
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
		if (mlflow != null) {
			mlflow.close();
		}
	}

	MlflowClient mlflow;

	/** The official MLflow Java client; its run ids are our UUIDs in hex. */
	MlflowClient mlflow() {
		if (mlflow == null) {
			mlflow = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + port, acme.key(Role.MEMBER)));
		}
		return mlflow;
	}

	/** An MLflow run whose client says it started at {@code start} (its own clock). */
	String mlflowRun(Instant start) {
		return mlflow().createRun(CreateRun.newBuilder().setExperimentId("0").setStartTime(start.toEpochMilli()).build())
			.getRunId();
	}

	void log(String run) {
		mlflow().logMetric(run, "loss", 0.5, clock.instant().toEpochMilli(), 0);
	}

	JsonNode nativeView(String mlflowRunId) {
		var id = UUID.fromString(mlflowRunId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
		var response = member.get("/api/v1/runs/" + id);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	RunInfo mlflowInfo(String run) {
		return mlflow().getRun(run).getInfo();
	}

	/** Runs at work: each logs a point every five minutes (its client's clock {@code skew} ahead) for {@code total}. */
	void liveFor(Duration total, Duration skew, String... runs) {
		for (var left = total; left.isPositive(); left = left.minusMinutes(5)) {
			clock.advance(Duration.ofMinutes(5));
			for (var run : runs) {
				mlflow().logMetric(run, "loss", 0.5, clock.instant().plus(skew).toEpochMilli(), 0);
			}
		}
	}

	static Duration shown(RunInfo info) {
		return Duration.ofMillis(info.getEndTime() - info.getStartTime());
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

	@Test
	void an_mlflow_run_whose_end_time_is_set_again_is_billed_for_the_end_it_shows_whether_later_or_earlier() {
		var movedLater = mlflowRun(T0);
		var movedEarlier = mlflowRun(T0);
		liveFor(Duration.ofMinutes(20), Duration.ZERO, movedLater, movedEarlier); // 11:10
		mlflow().setTerminated(movedLater, RunStatus.FINISHED, T0.plus(Duration.ofMinutes(10)).toEpochMilli());
		mlflow().setTerminated(movedEarlier, RunStatus.FINISHED, T0.plus(Duration.ofMinutes(15)).toEpochMilli());
		mlflow().setTerminated(movedLater, RunStatus.FINISHED, T0.plus(Duration.ofMinutes(15)).toEpochMilli());
		mlflow().setTerminated(movedEarlier, RunStatus.KILLED, T0.plus(Duration.ofMinutes(5)).toEpochMilli());

		// Shown: 10:50-11:05 and 10:50-10:55. Billed exactly that: 600 + 300 in the 10 o'clock hour, 300 in the 11.
		assertThat(shown(mlflowInfo(movedLater))).isEqualTo(Duration.ofMinutes(15));
		assertThat(shown(mlflowInfo(movedEarlier))).isEqualTo(Duration.ofMinutes(5));
		assertThat(mlflowInfo(movedEarlier).getStatus()).isEqualTo(RunStatus.KILLED);
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 900, "11", 300));

		// Moving the end back and forth again bills what is shown each time, nothing twice, nothing lost.
		mlflow().setTerminated(movedEarlier, RunStatus.KILLED, T0.plus(Duration.ofMinutes(15)).toEpochMilli());
		mlflow().setTerminated(movedEarlier, RunStatus.KILLED, T0.plus(Duration.ofMinutes(5)).toEpochMilli());
		mlflow().setTerminated(movedEarlier, RunStatus.KILLED, T0.plus(Duration.ofMinutes(15)).toEpochMilli());
		assertThat(shown(mlflowInfo(movedEarlier))).isEqualTo(Duration.ofMinutes(15));
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 1200, "11", 600));
	}

	@Test
	void an_mlflow_run_whose_client_clock_runs_an_hour_ahead_is_billed_and_shown_its_real_running_time() {
		var ahead = Duration.ofHours(1);
		var run = mlflowRun(T0.plus(ahead));
		liveFor(Duration.ofMinutes(30), ahead, run);
		mlflow().setTerminated(run, RunStatus.FINISHED, T0.plus(Duration.ofMinutes(30)).plus(ahead).toEpochMilli());

		// It ran 10:50 to 11:20 by the server's clock: 1,800 s, shown and billed.
		var info = mlflowInfo(run);
		assertThat(shown(info)).isEqualTo(Duration.ofMinutes(30));
		assertThat(Instant.ofEpochMilli(info.getStartTime())).isEqualTo(T0);
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 1200));
	}

	@Test
	void a_run_ended_with_a_future_end_time_and_reopened_later_is_billed_only_for_its_real_running_time() {
		var run = mlflowRun(T0);
		liveFor(Duration.ofMinutes(10), Duration.ZERO, run); // 11:00, the client says it ended at 11:50
		mlflow().setTerminated(run, RunStatus.FINISHED, T0.plus(Duration.ofHours(1)).toEpochMilli());
		assertThat(Instant.ofEpochMilli(mlflowInfo(run).getEndTime())).isEqualTo(T0.plus(Duration.ofMinutes(10)));
		clock.advance(Duration.ofMinutes(30)); // 11:30: reopened, runs ten more minutes
		mlflow().setTerminated(run, RunStatus.RUNNING);
		liveFor(Duration.ofMinutes(10), Duration.ZERO, run);
		mlflow().setTerminated(run, RunStatus.FINISHED, T0.plus(Duration.ofMinutes(50)).toEpochMilli());

		// 10:50-11:00 and 11:30-11:40: nothing of the 30 minutes it was ended.
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 600, "11", 600));
	}

	@Test
	void an_mlflow_run_that_logs_nothing_for_half_an_hour_stays_running_and_is_charged_only_while_it_shows_signs_of_life() {
		var run = mlflowRun(T0);
		clock.advance(Duration.ofMinutes(5));
		log(run); // 10:55, then a long evaluation
		clock.advance(Duration.ofMinutes(30));
		crashDetector.markSilentRunsCrashed();
		trackedTime.reportRunning();

		var quiet = nativeView(run);
		assertThat(mlflowInfo(run).getStatus()).isEqualTo(RunStatus.RUNNING);
		assertThat(quiet.get("state").asString()).isEqualTo("RUNNING");
		assertThat(quiet.get("active").asBoolean()).isFalse();
		assertThat(Instant.parse(quiet.get("lastActivityTime").asString())).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		var listed = member.post("/api/v1/projects/" + quiet.get("projectId").asString() + "/runs/search", "{}");
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		assertThat(listed.json().get("runs").valueStream().filter(r -> r.get("id").equals(quiet.get("id"))))
			.singleElement()
			.satisfies(r -> {
				assertThat(r.get("state").asString()).isEqualTo("RUNNING");
				assertThat(r.get("active").asBoolean()).isFalse();
			});
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300));

		log(run); // 11:25: evaluation done; time counts again from here
		assertThat(nativeView(run).get("active").asBoolean()).isTrue();
		clock.advance(Duration.ofMinutes(5));
		log(run);
		mlflow().setTerminated(run, RunStatus.FINISHED, clock.instant().toEpochMilli());

		assertThat(mlflowInfo(run).getStatus()).isEqualTo(RunStatus.FINISHED);
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300, "11", 300));
	}

	@Test
	void a_quiet_mlflow_run_ends_crashed_at_its_last_sign_of_life_only_after_the_abandonment_timeout() {
		var run = mlflowRun(T0);
		clock.advance(Duration.ofMinutes(5));
		log(run);
		clock.advance(Duration.ofDays(7).minusMinutes(1));
		crashDetector.markSilentRunsCrashed();
		assertThat(mlflowInfo(run).getStatus()).isEqualTo(RunStatus.RUNNING);

		clock.advance(Duration.ofMinutes(2));
		crashDetector.markSilentRunsCrashed();

		var info = mlflowInfo(run);
		assertThat(info.getStatus()).isEqualTo(RunStatus.FAILED);
		assertThat(nativeView(run).get("state").asString()).isEqualTo("CRASHED");
		assertThat(Instant.ofEpochMilli(info.getEndTime())).isEqualTo(T0.plus(Duration.ofMinutes(5)));
		assertThat(secondsPerHour()).containsExactlyEntriesOf(hours("10", 300));
	}

	@Test
	void runs_whose_client_sends_heartbeats_still_crash_after_the_heartbeat_timeout() {
		var nativeRun = startRun();
		var heartbeating = mlflowRun(T0);
		var beat = member.post("/api/v1/runs/" + nativeView(heartbeating).get("id").asString() + "/heartbeat", "");
		assertThat(beat.status()).as(beat.toString()).isEqualTo(204);
		clock.advance(Duration.ofMinutes(11));

		crashDetector.markSilentRunsCrashed();

		var crashed = member.get("/api/v1/runs/" + nativeRun).json();
		assertThat(crashed.get("sendsHeartbeats").asBoolean()).isTrue();
		assertThat(crashed.get("state").asString()).isEqualTo("CRASHED");
		assertThat(crashed.get("active").asBoolean()).isFalse();
		assertThat(nativeView(heartbeating).get("sendsHeartbeats").asBoolean()).isTrue();
		assertThat(mlflowInfo(heartbeating).getStatus()).isEqualTo(RunStatus.FAILED);
	}
}
