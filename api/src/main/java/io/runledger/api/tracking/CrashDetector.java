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
 * to there in the same transaction (so a crashed run is charged to its last sign of life, and exactly once). Looks
 * across tenants through one narrow SECURITY DEFINER function that only names the runs.
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
		int crashed = 0;
		for (var entry : jdbc.sql("select org_id, run_id from silent_running_runs(?, 10000)")
			.param(cutoff)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list()) {
			var orgId = new OrgId((UUID) entry[0]);
			var runId = new RunId((UUID) entry[1]);
			crashed += tx.write(orgId, () -> {
				int changed = jdbc.sql("""
						update runs set state = 'CRASHED', ended_at = heartbeat_at
						where org_id = ? and run_id = ? and state = 'RUNNING' and heartbeat_at < ?""")
					.params(orgId.value(), runId.value(), cutoff)
					.update();
				if (changed > 0) {
					trackedTime.report(orgId, runId);
				}
				return changed;
			});
		}
		if (crashed > 0) {
			log.info("Marked {} silent run(s) CRASHED (no heartbeat since before {})", crashed, cutoff);
		}
		return crashed;
	}
}
