package io.runledger.api.tracking;

import java.time.Instant;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;

/**
 * A run. {@code heartbeatAt} is its last sign of life (a heartbeat, or any write); {@code sendsHeartbeats} says whether
 * its client heartbeats (native SDK) or never does (MLflow), which decides whether silence means CRASHED.
 */
public record Run(OrgId orgId, RunId id, ProjectId projectId, String name, RunState state, String createdBy, String group,
		String notes, String configJson, Instant startedAt, Instant endedAt, Instant heartbeatAt, Instant deletedAt,
		boolean sendsHeartbeats) {
}
