package io.runledger.api.artifacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.runledger.metering.UsageRecorder;
import io.runledger.storage.ObjectStore;
import io.runledger.storage.StorageUnavailableException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Garbage collection of artifact objects. Abandoned drafts and artifacts of deleted projects are marked deleted;
 * files deleted longer ago than the retention lose their object, then their row, and metering hears that their bytes
 * are gone (in the transaction that removes the row). A file is claimed (COLLECTING) before its object is touched, so
 * nothing can reuse it meanwhile; a collection cut short is finished by the next pass. Deleted versions left without
 * files, and artifacts of deleted projects left without versions, go last (version numbers are never reused while
 * the artifact row, which keeps next_version, lives). Looks across tenants only through three narrow SECURITY DEFINER
 * functions; everything else runs as the file's tenant.
 */
@Component
class ArtifactCollector {

	private static final Logger log = LoggerFactory.getLogger(ArtifactCollector.class);

	static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final ObjectStore store;

	private final UsageRecorder usage;

	private final ArtifactsProperties properties;

	private final Clock clock;

	ArtifactCollector(JdbcClient jdbc, TenantTransactions tx, ObjectStore store, UsageRecorder usage,
			ArtifactsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.store = store;
		this.usage = usage;
		this.properties = properties;
		this.clock = clock;
	}

	/** One pass; returns how many files it removed for good. */
	@Scheduled(fixedDelayString = "${runledger.artifacts.collect-interval:10m}",
			initialDelayString = "${runledger.artifacts.collect-interval:10m}")
	int collect() {
		var now = clock.instant();
		jdbc.sql("select expire_artifact_versions(?, ?)")
			.params(Timestamp.from(now), Timestamp.from(now.minus(properties.draftTimeout())))
			.query(Integer.class)
			.single();
		var due = jdbc.sql("select org_id, file_id from artifact_files_to_collect(?, ?)")
			.params(Timestamp.from(now.minus(properties.retention())), BATCH)
			.query((rs, row) -> new Object[] { new OrgId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class) })
			.list();
		int collected = 0;
		for (var file : due) {
			try {
				if (collect((OrgId) file[0], (UUID) file[1])) {
					collected++;
				}
			}
			catch (StorageUnavailableException e) {
				log.warn("Artifact collection paused, object storage unavailable: {}", e.getMessage());
				break;
			}
		}
		if (collected > 0) {
			log.info("Collected {} deleted artifact file(s)", collected);
		}
		jdbc.sql("select remove_empty_artifact_versions(?)")
			.param(Timestamp.from(now.minus(properties.retention())))
			.query(Integer.class)
			.single();
		return collected;
	}

	private boolean collect(OrgId orgId, UUID fileId) {
		var claimed = tx.write(orgId, () -> jdbc.sql("""
				update artifact_files set state = 'COLLECTING'
				where org_id = ? and file_id = ? and state in ('DELETED', 'COLLECTING')
				returning *""")
			.params(orgId.value(), fileId)
			.query(ArtifactFiles::map)
			.optional());
		if (claimed.isEmpty()) {
			return false;
		}
		var file = claimed.get();
		var key = ArtifactFiles.key(orgId, file);
		if (file.uploadId() != null) {
			store.abortMultipartUpload(key, file.uploadId());
		}
		store.delete(key);
		tx.writeVoid(orgId, () -> {
			var projectId = jdbc.sql("select project_id from artifacts where org_id = ? and artifact_id = ?")
				.params(orgId.value(), file.artifactId().value())
				.query(UUID.class)
				.single();
			int deleted = jdbc.sql("delete from artifact_files where org_id = ? and file_id = ? and state = 'COLLECTING'")
				.params(orgId.value(), fileId)
				.update();
			if (deleted == 1 && file.metered()) {
				usage.storageChanged(orgId, "artifact-file:" + fileId + ":deleted",
						new io.runledger.tenancy.ProjectId(projectId), -file.size());
			}
		});
		return true;
	}
}
