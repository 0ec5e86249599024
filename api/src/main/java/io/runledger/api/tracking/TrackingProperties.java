package io.runledger.api.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param heartbeatTimeout a RUNNING run silent (no heartbeat, no data) for longer becomes CRASHED if its client sends
 *        heartbeats, and is shown as not active otherwise; silences longer than this are never charged
 * @param abandonTimeout a RUNNING run whose client never sends heartbeats (MLflow) and that is silent for longer
 *        becomes CRASHED: quiet is not failed, but a run cannot stay open for ever
 * @param crashCheckInterval how often the crash detector looks
 * @param compactionInterval how often the compactor looks for series with many small chunks
 * @param compactionThreshold how many small chunks make a series worth compacting
 */
@ConfigurationProperties("runledger.tracking")
record TrackingProperties(Duration heartbeatTimeout, Duration abandonTimeout, Duration crashCheckInterval,
		Duration compactionInterval, int compactionThreshold) {

	TrackingProperties {
		heartbeatTimeout = heartbeatTimeout == null ? Duration.ofMinutes(10) : heartbeatTimeout;
		abandonTimeout = abandonTimeout == null ? Duration.ofDays(7) : abandonTimeout;
		crashCheckInterval = crashCheckInterval == null ? Duration.ofSeconds(30) : crashCheckInterval;
		compactionInterval = compactionInterval == null ? Duration.ofSeconds(5) : compactionInterval;
		compactionThreshold = compactionThreshold <= 1 ? 8 : compactionThreshold;
	}
}
