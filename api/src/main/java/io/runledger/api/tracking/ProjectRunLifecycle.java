package io.runledger.api.tracking;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Soft-deleting and restoring all runs of a project at once, as MLflow does when an experiment is deleted or
 * restored. Deletion stamps the runs with the given instant, so a restore can bring back exactly the runs that
 * deletion removed and leave runs deleted one by one before it deleted.
 */
@Component
public class ProjectRunLifecycle {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	ProjectRunLifecycle(JdbcClient jdbc, TenantTransactions tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/** Marks every run of the project that is not deleted yet as deleted at {@code at}; returns how many. */
	public int deleteAll(OrgId orgId, ProjectId projectId, Instant at) {
		return tx.write(orgId, () -> jdbc
			.sql("update runs set deleted_at = ? where org_id = ? and project_id = ? and deleted_at is null")
			.params(Timestamp.from(at), orgId.value(), projectId.value())
			.update());
	}

	/** Restores the project's runs deleted at or after {@code since}; returns how many. */
	public int restoreDeletedSince(OrgId orgId, ProjectId projectId, Instant since) {
		return tx.write(orgId, () -> jdbc
			.sql("update runs set deleted_at = null where org_id = ? and project_id = ? and deleted_at >= ?")
			.params(orgId.value(), projectId.value(), Timestamp.from(since))
			.update());
	}
}
