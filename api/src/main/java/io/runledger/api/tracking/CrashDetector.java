package io.runledger.api.tracking;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks RUNNING runs that went silent as CRASHED, ending at their last heartbeat (so tracked time stops where the
 * job did). Looks across tenants through one narrow SECURITY DEFINER function.
 */
@Component
class CrashDetector {

	private static final Logger log = LoggerFactory.getLogger(CrashDetector.class);

	private final JdbcClient jdbc;

	private final TrackingProperties properties;

	private final Clock clock;

	CrashDetector(JdbcClient jdbc, TrackingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${runledger.tracking.crash-check-interval:30s}",
			initialDelayString = "${runledger.tracking.crash-check-interval:30s}")
	int markSilentRunsCrashed() {
		var cutoff = clock.instant().minus(properties.heartbeatTimeout());
		int crashed = jdbc.sql("select count(*) from mark_silent_runs_crashed(?)")
			.param(Timestamp.from(cutoff))
			.query(Integer.class)
			.single();
		if (crashed > 0) {
			log.info("Marked {} silent run(s) CRASHED (no heartbeat since before {})", crashed, cutoff);
		}
		return crashed;
	}
}
