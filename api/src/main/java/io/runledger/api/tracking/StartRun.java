package io.runledger.api.tracking;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;

/** Starting a run with its initial tags and config is one transaction: a bad tag leaves no run behind. */
@Component
public class StartRun {

	private final TenantTransactions tx;

	private final Runs runs;

	private final RunTags tags;

	private final RunParams params;

	StartRun(TenantTransactions tx, Runs runs, RunTags tags, RunParams params) {
		this.tx = tx;
		this.runs = runs;
		this.tags = tags;
		this.params = params;
	}

	public Run start(OrgId orgId, ProjectId projectId, Runs.NewRun spec, Map<String, String> initialTags, JsonNode config,
			Actor actor) {
		return tx.write(orgId, () -> {
			var run = runs.create(orgId, projectId, spec, actor);
			if (initialTags != null) {
				tags.set(orgId, run.id(), initialTags);
			}
			if (config != null && !config.isNull()) {
				params.logConfig(orgId, run.id(), config);
			}
			return run;
		});
	}
}
