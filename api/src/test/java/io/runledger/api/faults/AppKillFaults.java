package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.billing.CloseBillingPeriods;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageRecorder;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/**
 * kill -9 of an application process in the middle of compaction, and of another in the middle of closing billing
 * periods: nothing compacted is lost or doubled, no period is invoiced twice or left out, and the jobs finish on
 * their next run (compaction in the restarted process, the close in the surviving one). Progress is watched in the
 * database as the schema owner (row-level security binds only the application role), because the jobs run before a
 * starting application answers HTTP.
 */
@FaultTest
class AppKillFaults {

	static final int SERIES = 200;

	static final int BATCHES = 12;

	static final int POINTS = 50;

	static final int ORGANISATIONS = 30;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	TenantTransactions tx;

	@Autowired
	UsageRecorder usage;

	@Autowired
	CloseBillingPeriods closer;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void a_kill_9_during_compaction_and_during_a_billing_close_loses_nothing_doubles_nothing_and_the_jobs_finish()
			throws Exception {
		var acme = tenants.create();
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var run = member.post("/api/v1/projects/" + acme.project().id() + "/runs", "{}").json().get("id").asString();
		for (int b = 0; b < BATCHES; b++) {
			var written = member.post("/api/v1/runs/" + run + "/metrics", batch(b));
			assertThat(written.status()).as(written.toString()).isEqualTo(200);
		}
		// Organisations that exist since two months back, each with usage then: two or three ended periods to close.
		var createdAt = Instant.now().minus(62, ChronoUnit.DAYS);
		var organisations = new ArrayList<TestTenants.Tenant>();
		clock.freezeAt(createdAt);
		for (int i = 0; i < ORGANISATIONS; i++) {
			var tenant = tenants.create();
			tx.writeVoid(tenant.orgId(), () -> usage.record(tenant.orgId(), UsageRecorder.uniqueEventId("kill-9"),
					Meter.DATA_POINTS, tenant.project().id(), null, BigDecimal.valueOf(1000L * (organisations.size() + 1))));
			organisations.add(tenant);
		}
		clock.reset();
		long periods = ChronoUnit.MONTHS.between(YearMonth.from(createdAt.atZone(ZoneOffset.UTC)),
				YearMonth.now(ZoneOffset.UTC));
		var orgIds = organisations.stream().map(t -> t.orgId().value()).toArray(UUID[]::new);

		try (var db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + System.getenv("RUNLEDGER_PG_PORT")
				+ "/" + System.getenv("RUNLEDGER_TEST_DB"), "runledger_owner", "runledger_owner")) {
			assertThat(smallChunks(db, run)).isEqualTo(SERIES * BATCHES);

			try (var child = ChildApplication.launch("--runledger.tracking.compaction-interval=100ms",
					"--runledger.billing.close-interval=1h")) {
				await(child, () -> smallChunks(db, run) < SERIES * BATCHES, "compaction to start");
				child.kill9();
			}
			assertThat(smallChunks(db, run)).as("small chunks left when the compacting process was killed")
				.isPositive();

			try (var child = ChildApplication.launch("--runledger.tracking.compaction-interval=100ms",
					"--runledger.billing.close-interval=1s")) {
				await(child, () -> smallChunks(db, run) == 0 && invoices(db, orgIds) > 0,
						"compaction to finish and the billing close to start");
				child.kill9();
			}
			assertThat(invoices(db, orgIds)).as("invoices when the closing process was killed")
				.isLessThan(ORGANISATIONS * periods);

			closer.closeAll();

			for (int i = 0; i < ORGANISATIONS; i++) {
				var billed = billed(db, orgIds[i]);
				assertThat(billed.invoices()).as("invoices of organisation %d", i).isEqualTo(periods);
				assertThat(billed.points()).as("data points billed to organisation %d", i)
					.isEqualByComparingTo(BigDecimal.valueOf(1000L * (i + 1)));
			}
		}
		for (int s = 0; s < SERIES; s++) {
			var points = member.get("/api/v1/runs/" + run + "/points?key=s" + s + "&limit=100000").json();
			var steps = points.get("steps");
			assertThat(steps.size()).as("points of series s%d", s).isEqualTo(BATCHES * POINTS);
			for (int i = 0; i < steps.size(); i++) {
				assertThat(steps.get(i).asLong()).as("step %d of series s%d", i, s).isEqualTo(i);
				assertThat(points.get("values").get(i).asDouble()).isEqualTo(value(s, i));
			}
		}
	}

	/** One small write to every series: chunk {@code b} of each. */
	private static String batch(int b) {
		var json = new StringBuilder("{\"batchId\":\"c-" + b + "\",\"series\":[");
		for (int s = 0; s < SERIES; s++) {
			var steps = new StringBuilder();
			var values = new StringBuilder();
			for (int i = 0; i < POINTS; i++) {
				long step = (long) b * POINTS + i;
				steps.append(i == 0 ? "" : ",").append(step);
				values.append(i == 0 ? "" : ",").append(value(s, step));
			}
			json.append(s == 0 ? "" : ",").append("{\"key\":\"s").append(s).append("\",\"steps\":[").append(steps)
				.append("],\"values\":[").append(values).append("]}");
		}
		return json.append("]}").toString();
	}

	private static double value(int series, long step) {
		return series + step * 0.5;
	}

	private static long smallChunks(Connection db, String run) throws SQLException {
		try (var query = db.prepareStatement("""
				select count(*) from metric_chunks c join metric_series s using (org_id, series_id)
				where s.run_id = ? and c.point_count < ?""")) {
			query.setObject(1, UUID.fromString(run));
			query.setInt(2, POINTS + 1);
			try (var rs = query.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static long invoices(Connection db, UUID[] orgIds) throws SQLException {
		try (var query = db.prepareStatement("select count(*) from invoices where org_id = any(?)")) {
			query.setArray(1, db.createArrayOf("uuid", orgIds));
			try (var rs = query.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	record Billed(long invoices, BigDecimal points) {
	}

	/** An organisation's invoices, and the data points their lines bill (usage and adjustments together). */
	private static Billed billed(Connection db, UUID orgId) throws SQLException {
		try (var query = db.prepareStatement("""
				select (select count(*) from invoices where org_id = ?),
				       (select coalesce(sum(quantity), 0) from invoice_lines where org_id = ? and meter = 'DATA_POINTS')""")) {
			query.setObject(1, orgId);
			query.setObject(2, orgId);
			try (var rs = query.executeQuery()) {
				rs.next();
				return new Billed(rs.getLong(1), rs.getBigDecimal(2));
			}
		}
	}

	interface Condition {
		boolean holds() throws SQLException;
	}

	/** Polls the database until the condition holds; the child must stay alive meanwhile. */
	private static void await(ChildApplication child, Condition condition, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (!condition.holds()) {
			assertThat(child.isAlive()).as("the child application is alive while waiting for %s", what).isTrue();
			assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
			Thread.sleep(1);
		}
	}
}
