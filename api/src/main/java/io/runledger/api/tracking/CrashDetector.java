package io.runledger.api.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Marks RUNNING runs that went silent as CRASHED, ending at their last heartbeat, and reports their tracked time up
 * to there in the same transaction (so a crashed run is charged to its last sign of life, and exactly once). Silence
 * means a crash only for runs whose client sends heartbeats (the SDK), after the heartbeat timeout; MLflow clients
 * never heartbeat, so their runs are merely quiet (a long evaluation) until the much longer abandonment timeout. Looks
 * across tenants through one narrow SECURITY DEFINER function that only names the organisations.
 */
@Component
class CrashDetector {

	private static final Logger log = LoggerFactory.getLogger(CrashDetector.class);

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final TrackedTime trackedTime;

	private final TrackingProperties properties;

	private final Clock clock;

	CrashDetector(JdbcClient jdbc, TenantTransactions tx, TrackedTime trackedTime, TrackingProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.trackedTime = trackedTime;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${runledger.tracking.crash-check-interval:30s}",
			initialDelayString = "${runledger.tracking.crash-check-interval:30s}")
	int markSilentRunsCrashed() {
		var cutoff = Timestamp.from(clock.instant().minus(properties.heartbeatTimeout()));
		var abandoned = Timestamp.from(clock.instant().minus(properties.abandonTimeout()));
		int crashed = 0;
		for (var org : jdbc.sql("select * from orgs_with_silent_runs(?, ?)")
			.params(cutoff, abandoned)
			.query(UUID.class)
			.list()) {
			var orgId = new OrgId(org);
			crashed += tx.write(orgId, () -> {
				// One statement for all of the organisation's silent runs; only runs whose last heartbeat lies past
				// what was reported have time left to report (most crashed runs reported it while they ran).
				var withTime = jdbc.sql("""
						update runs set state = 'CRASHED', ended_at = heartbeat_at
						where org_id = ? and state = 'RUNNING' and heartbeat_at < ?
						  and (sends_heartbeats or heartbeat_at < ?)
						returning run_id, heartbeat_at > metered_until""")
					.params(orgId.value(), cutoff, abandoned)
					.query((rs, n) -> rs.getBoolean(2) ? new RunId(rs.getObject(1, UUID.class)) : null)
					.list();
				for (var runId : withTime) {
					if (runId != null) {
						trackedTime.report(orgId, runId);
					}
				}
				return withTime.size();
			});
		}
		if (crashed > 0) {
			log.info("Marked {} silent run(s) CRASHED (no heartbeat since before {})", crashed, cutoff);
		}
		return crashed;
	}
}
