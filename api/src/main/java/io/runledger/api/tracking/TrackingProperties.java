package io.runledger.api.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param heartbeatTimeout a RUNNING run silent (no heartbeat, no data) for longer becomes CRASHED
 * @param crashCheckInterval how often the crash detector looks
 * @param compactionInterval how often the compactor looks for series with many small chunks
 * @param compactionThreshold how many small chunks make a series worth compacting
 */
@ConfigurationProperties("runledger.tracking")
record TrackingProperties(Duration heartbeatTimeout, Duration crashCheckInterval, Duration compactionInterval,
		int compactionThreshold) {

	TrackingProperties {
		heartbeatTimeout = heartbeatTimeout == null ? Duration.ofMinutes(10) : heartbeatTimeout;
		crashCheckInterval = crashCheckInterval == null ? Duration.ofSeconds(30) : crashCheckInterval;
		compactionInterval = compactionInterval == null ? Duration.ofSeconds(5) : compactionInterval;
		compactionThreshold = compactionThreshold <= 1 ? 8 : compactionThreshold;
	}
}
