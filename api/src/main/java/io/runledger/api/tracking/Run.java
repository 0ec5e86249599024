package io.runledger.api.tracking;

import java.time.Instant;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;

public record Run(OrgId orgId, RunId id, ProjectId projectId, String name, RunState state, String createdBy, String group,
		String notes, String configJson, Instant startedAt, Instant endedAt, Instant heartbeatAt, Instant deletedAt) {
}
