package io.runledger.api.artifacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.Runs;
import io.runledger.metering.UsageRecorder;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Artifacts and their versions: drafts, commit (the one moment a version and its bytes become visible), aliases and
 * soft deletion. Files are {@link ArtifactFiles}' business; this class only reads their rows when committing.
 */
@Component
public class Artifacts {

	static final String LATEST = "latest";

	static final int MAX_METADATA_CHARS = 64 * 1024;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

	private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final Runs runs;

	private final UsageRecorder usage;

	private final Clock clock;

	private final AuditLog audit;

	Artifacts(JdbcClient jdbc, TenantTransactions tx, Projects projects, Runs runs, UsageRecorder usage, Clock clock,
			AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.runs = runs;
		this.usage = usage;
		this.clock = clock;
	}

	enum Kind {
		NAMED, RUN_FILES
	}

	record Artifact(ArtifactId id, ProjectId projectId, String name, String type, Kind kind, RunId runId,
			Instant createdAt) {
	}

	record Version(ArtifactId artifactId, int version, String state, String description, String metadataJson,
			int fileCount, long totalBytes, String createdBy, Instant createdAt, Instant committedAt,
			Instant deletedAt) {

		boolean committed() {
			return "COMMITTED".equals(state);
		}
	}

	record NewVersion(String name, String type, String description, String metadataJson, RunId producedBy) {
	}

	// ------------------------------------------------------------------------------------------------ drafts

	/**
	 * Starts a new version (a draft) of the named artifact, creating the artifact on its first version. The version
	 * number is taken now and never reused; the draft stays invisible until {@link #commit}.
	 */
	Version createDraft(OrgId orgId, ProjectId projectId, NewVersion spec, Actor actor) {
		var name = name(spec.name());
		var type = spec.type() == null || spec.type().isBlank() ? "artifact" : type(spec.type());
		var description = spec.description() == null ? "" : spec.description();
		if (description.length() > 10_000) {
			throw new InvalidRequestException("description must be at most 10000 characters");
		}
		var metadata = spec.metadataJson() == null ? "{}" : spec.metadataJson();
		if (metadata.length() > MAX_METADATA_CHARS) {
			throw new InvalidRequestException("metadata must be at most " + MAX_METADATA_CHARS + " characters of JSON");
		}
		return tx.write(orgId, () -> {
			projects.get(orgId, projectId);
			if (spec.producedBy() != null) {
				runs.get(orgId, spec.producedBy());
			}
			var now = clock.instant();
			jdbc.sql("""
					insert into artifacts (org_id, artifact_id, project_id, name, type, kind, created_at)
					values (?, ?, ?, ?, ?, 'NAMED', ?) on conflict (org_id, project_id, name) do nothing""")
				.params(orgId.value(), ArtifactId.random().value(), projectId.value(), name, type,
						Timestamp.from(now))
				.update();
			var artifact = jdbc.sql("select * from artifacts where org_id = ? and project_id = ? and name = ? for update")
				.params(orgId.value(), projectId.value(), name)
				.query(Artifacts::mapArtifact)
				.single();
			if (artifact.kind() != Kind.NAMED) {
				throw new ConflictException("'" + name + "' is not a named artifact");
			}
			if (!artifact.type().equals(type)) {
				throw new ConflictException("artifact '" + name + "' has type '" + artifact.type()
						+ "'; a new version cannot change it to '" + type + "'");
			}
			int version = nextVersion(orgId, artifact.id());
			jdbc.sql("""
					insert into artifact_versions (org_id, artifact_id, version, state, description, metadata,
					                               created_by, created_at)
					values (?, ?, ?, 'PENDING', ?, ?::jsonb, ?, ?)""")
				.params(orgId.value(), artifact.id().value(), version, description, metadata,
						actor.kind() + ":" + actor.id(), Timestamp.from(now))
				.update();
			if (spec.producedBy() != null) {
				jdbc.sql("""
						insert into artifact_lineage (org_id, artifact_id, version, run_id, direction, created_at)
						values (?, ?, ?, ?, 'OUTPUT', ?)""")
					.params(orgId.value(), artifact.id().value(), version, spec.producedBy().value(),
							Timestamp.from(now))
					.update();
			}
			return version(orgId, artifact.id(), version).orElseThrow();
		});
	}

	private int nextVersion(OrgId orgId, ArtifactId artifactId) {
		return jdbc.sql("""
				update artifacts set next_version = next_version + 1 where org_id = ? and artifact_id = ?
				returning next_version - 1""")
			.params(orgId.value(), artifactId.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Makes a draft visible with all its files, at one instant: every file must be stored and verified (none still
	 * uploading), the files' bytes are reported to metering in this transaction, {@code latest} moves here and the
	 * given aliases too. Committing a committed version again is a no-op, so retries are safe.
	 */
	Version commit(OrgId orgId, ArtifactId artifactId, int version, List<String> aliases) {
		var wanted = aliases == null ? List.<String>of() : aliases.stream().map(VersionRef::alias).distinct().toList();
		return tx.write(orgId, () -> {
			var artifact = artifact(orgId, artifactId);
			var current = lockVersion(orgId, artifactId, version);
			if (current.committed()) {
				return current;
			}
			if (!"PENDING".equals(current.state())) {
				throw new ConflictException("version " + version + " is " + current.state() + "; it cannot be committed");
			}
			var files = jdbc.sql("""
					select file_id, path, state, size_bytes from artifact_files
					where org_id = ? and artifact_id = ? and version = ? order by path""")
				.params(orgId.value(), artifactId.value(), version)
				.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
						rs.getLong(4) })
				.list();
			if (files.isEmpty()) {
				throw new ConflictException("version " + version + " has no files; upload at least one before committing");
			}
			var unfinished = files.stream().filter(f -> !"STORED".equals(f[2])).map(f -> (String) f[1]).toList();
			if (!unfinished.isEmpty()) {
				throw new ConflictException("version " + version + " still has files being uploaded: "
						+ Printable.abbreviate(String.join(", ", unfinished), 300)
						+ "; complete or abort them before committing");
			}
			long total = 0;
			for (var file : files) {
				long size = (Long) file[3];
				total += size;
				usage.storageChanged(orgId, "artifact-file:" + file[0] + ":stored", artifact.projectId(), size);
			}
			var now = clock.instant();
			jdbc.sql("update artifact_files set metered = true where org_id = ? and artifact_id = ? and version = ?")
				.params(orgId.value(), artifactId.value(), version)
				.update();
			jdbc.sql("""
					update artifact_versions set state = 'COMMITTED', committed_at = ?, file_count = ?, total_bytes = ?
					where org_id = ? and artifact_id = ? and version = ?""")
				.params(Timestamp.from(now), files.size(), total, orgId.value(), artifactId.value(), version)
				.update();
			moveLatest(orgId, artifactId);
			for (var alias : wanted) {
				point(orgId, artifactId, alias, version);
			}
			return version(orgId, artifactId, version).orElseThrow();
		});
	}

	// ------------------------------------------------------------------------------------------------ aliases

	void setAlias(OrgId orgId, ArtifactId artifactId, String alias, VersionRef target) {
		var name = VersionRef.alias(alias);
		if (LATEST.equals(name)) {
			throw new InvalidRequestException("'latest' always names the newest committed version; it cannot be set");
		}
		tx.writeVoid(orgId, () -> {
			var version = resolve(orgId, artifactId, target);
			point(orgId, artifactId, name, version.version());
		});
	}

	void removeAlias(OrgId orgId, ArtifactId artifactId, String alias) {
		var name = VersionRef.alias(alias);
		if (LATEST.equals(name)) {
			throw new InvalidRequestException("'latest' always names the newest committed version; it cannot be removed");
		}
		tx.writeVoid(orgId, () -> {
			artifact(orgId, artifactId);
			int removed = jdbc.sql("delete from artifact_aliases where org_id = ? and artifact_id = ? and alias = ?")
				.params(orgId.value(), artifactId.value(), name)
				.update();
			if (removed == 0) {
				throw new NotFoundException("alias", name);
			}
		});
	}

	private void point(OrgId orgId, ArtifactId artifactId, String alias, int version) {
		jdbc.sql("""
				insert into artifact_aliases (org_id, artifact_id, alias, version, updated_at) values (?, ?, ?, ?, ?)
				on conflict (org_id, artifact_id, alias) do update set version = excluded.version,
				                                                        updated_at = excluded.updated_at""")
			.params(orgId.value(), artifactId.value(), alias, version, Timestamp.from(clock.instant()))
			.update();
	}

	private void moveLatest(OrgId orgId, ArtifactId artifactId) {
		jdbc.sql("delete from artifact_aliases where org_id = ? and artifact_id = ? and alias = 'latest'")
			.params(orgId.value(), artifactId.value())
			.update();
		jdbc.sql("""
				insert into artifact_aliases (org_id, artifact_id, alias, version, updated_at)
				select org_id, artifact_id, 'latest', max(version), ? from artifact_versions
				where org_id = ? and artifact_id = ? and state = 'COMMITTED' group by org_id, artifact_id""")
			.params(Timestamp.from(clock.instant()), orgId.value(), artifactId.value())
			.update();
	}

	Map<Integer, List<String>> aliases(OrgId orgId, ArtifactId artifactId) {
		var byVersion = new LinkedHashMap<Integer, List<String>>();
		tx.read(orgId, () -> {
			jdbc.sql("select version, alias from artifact_aliases where org_id = ? and artifact_id = ? order by alias")
				.params(orgId.value(), artifactId.value())
				.query(rs -> {
					byVersion.computeIfAbsent(rs.getInt(1), v -> new ArrayList<>()).add(rs.getString(2));
				});
			return null;
		});
		return byVersion;
	}

	// ------------------------------------------------------------------------------------------------ deletion

	/**
	 * Soft delete: the version disappears from reads, its aliases go (latest moves back), and its files wait out the
	 * retention before the collector removes their objects and reports the bytes as gone.
	 */
	void delete(OrgId orgId, ArtifactId artifactId, VersionRef ref, Actor actor) {
		tx.writeVoid(orgId, () -> {
			var version = resolve(orgId, artifactId, ref);
			var now = Timestamp.from(clock.instant());
			jdbc.sql("""
					update artifact_versions set state = 'DELETED', deleted_at = ?
					where org_id = ? and artifact_id = ? and version = ?""")
				.params(now, orgId.value(), artifactId.value(), version.version())
				.update();
			jdbc.sql("""
					update artifact_files set state = 'DELETED', deleted_at = ?
					where org_id = ? and artifact_id = ? and version = ? and state in ('PENDING', 'STORED')""")
				.params(now, orgId.value(), artifactId.value(), version.version())
				.update();
			jdbc.sql("delete from artifact_aliases where org_id = ? and artifact_id = ? and version = ?")
				.params(orgId.value(), artifactId.value(), version.version())
				.update();
			moveLatest(orgId, artifactId);
			audit.record(orgId, actor, "artifact.version.deleted", "artifact", artifactId.toString(),
					Map.of("version", version.version()));
		});
	}

	/**
	 * Brings a deleted version back while its files are all still there (the collector has not started on them):
	 * visible again with its files, {@code latest} recomputed; aliases it had are not restored.
	 */
	Version restore(OrgId orgId, ArtifactId artifactId, int version, Actor actor) {
		return tx.write(orgId, () -> {
			artifact(orgId, artifactId);
			var current = lockVersion(orgId, artifactId, version);
			if (!"DELETED".equals(current.state()) || current.committedAt() == null) {
				throw new ConflictException("version " + version + " is " + current.state()
						+ (current.committedAt() == null ? " and was never committed" : "") + "; only a deleted, "
						+ "once committed version can be restored");
			}
			int restored = jdbc.sql("""
					update artifact_files set state = 'STORED', deleted_at = null
					where org_id = ? and artifact_id = ? and version = ? and state = 'DELETED'""")
				.params(orgId.value(), artifactId.value(), version)
				.update();
			if (restored != current.fileCount()) {
				throw new ConflictException("version " + version + " cannot be restored: its files are already being "
						+ "removed after the retention period");
			}
			jdbc.sql("""
					update artifact_versions set state = 'COMMITTED', deleted_at = null
					where org_id = ? and artifact_id = ? and version = ?""")
				.params(orgId.value(), artifactId.value(), version)
				.update();
			moveLatest(orgId, artifactId);
			audit.record(orgId, actor, "artifact.version.restored", "artifact", artifactId.toString(),
					Map.of("version", version));
			return version(orgId, artifactId, version).orElseThrow();
		});
	}

	// ------------------------------------------------------------------------------------------------ reads

	Artifact artifact(OrgId orgId, ArtifactId artifactId) {
		return tx.read(orgId, () -> jdbc.sql("""
				select a.* from artifacts a
				where a.org_id = ? and a.artifact_id = ?
				  and exists (select 1 from projects p where p.org_id = a.org_id and p.project_id = a.project_id)""")
			.params(orgId.value(), artifactId.value())
			.query(Artifacts::mapArtifact)
			.optional()
			.orElseThrow(() -> new NotFoundException("artifact", artifactId)));
	}

	Artifact byName(OrgId orgId, ProjectId projectId, String name) {
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			return jdbc.sql("select * from artifacts where org_id = ? and project_id = ? and name = ? and kind = 'NAMED'")
				.params(orgId.value(), projectId.value(), name)
				.query(Artifacts::mapArtifact)
				.optional()
				.orElseThrow(() -> new NotFoundException("artifact", name));
		});
	}

	/** Named artifacts with a committed version, by name (unique in a project), paged. */
	Page<Artifact> list(OrgId orgId, ProjectId projectId, PageRequest page) {
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			return Page.of(jdbc.sql("""
					select * from artifacts a where org_id = ? and project_id = ? and kind = 'NAMED' and name > ?
					  and exists (select 1 from artifact_versions v where v.org_id = a.org_id
					              and v.artifact_id = a.artifact_id and v.state = 'COMMITTED')
					order by name limit ?""")
				.params(orgId.value(), projectId.value(), page.cursor().orElse(""), page.limit() + 1)
				.query(Artifacts::mapArtifact)
				.list(), page.limit(), Artifact::name);
		});
	}

	/** Committed versions, newest first. */
	List<Version> versions(OrgId orgId, ArtifactId artifactId) {
		return versions(orgId, artifactId, false);
	}

	/**
	 * Committed versions, newest first; with {@code withDeleted} also the deleted ones that had been committed (the
	 * ones {@link #restore} may bring back while their files last), so a person can find what to restore.
	 */
	List<Version> versions(OrgId orgId, ArtifactId artifactId, boolean withDeleted) {
		return tx.read(orgId, () -> {
			artifact(orgId, artifactId);
			return jdbc.sql("""
					select * from artifact_versions where org_id = ? and artifact_id = ?
					  and (state = 'COMMITTED' or (? and state = 'DELETED' and committed_at is not null))
					order by version desc""")
				.params(orgId.value(), artifactId.value(), withDeleted)
				.query(Artifacts::mapVersion)
				.list();
		});
	}

	/** A committed version by number or alias; drafts and deleted versions are not found. */
	Version resolve(OrgId orgId, ArtifactId artifactId, VersionRef ref) {
		return tx.read(orgId, () -> {
			artifact(orgId, artifactId);
			var version = switch (ref) {
				case VersionRef.Number n -> Optional.of(n.version());
				case VersionRef.Alias a -> jdbc.sql(
						"select version from artifact_aliases where org_id = ? and artifact_id = ? and alias = ?")
					.params(orgId.value(), artifactId.value(), a.alias())
					.query(Integer.class)
					.optional();
			};
			return version.flatMap(v -> version(orgId, artifactId, v))
				.filter(Version::committed)
				.orElseThrow(() -> new NotFoundException("version", describe(ref)));
		});
	}

	/** A draft the caller may still add files to. */
	Version draft(OrgId orgId, ArtifactId artifactId, int version) {
		return tx.read(orgId, () -> {
			artifact(orgId, artifactId);
			var found = version(orgId, artifactId, version)
				.orElseThrow(() -> new NotFoundException("version", "v" + version));
			if (!"PENDING".equals(found.state())) {
				throw new ConflictException("version " + version + " is " + found.state()
						+ "; files can only be added to a draft (PENDING) version");
			}
			return found;
		});
	}

	Optional<Version> version(OrgId orgId, ArtifactId artifactId, int version) {
		return tx.read(orgId, () -> jdbc.sql(
				"select * from artifact_versions where org_id = ? and artifact_id = ? and version = ?")
			.params(orgId.value(), artifactId.value(), version)
			.query(Artifacts::mapVersion)
			.optional());
	}

	private Version lockVersion(OrgId orgId, ArtifactId artifactId, int version) {
		return jdbc.sql("select * from artifact_versions where org_id = ? and artifact_id = ? and version = ? for update")
			.params(orgId.value(), artifactId.value(), version)
			.query(Artifacts::mapVersion)
			.optional()
			.orElseThrow(() -> new NotFoundException("version", "v" + version));
	}

	/** The artifact holding a run's plain files, made with its one always-visible version on first use. */
	Artifact runFiles(OrgId orgId, RunId runId, boolean create) {
		return tx.write(orgId, () -> {
			var found = jdbc.sql("select * from artifacts where org_id = ? and run_id = ? and kind = 'RUN_FILES'")
				.params(orgId.value(), runId.value())
				.query(Artifacts::mapArtifact)
				.optional();
			if (found.isPresent() || !create) {
				return found.orElse(null);
			}
			var run = runs.get(orgId, runId);
			var id = ArtifactId.random();
			var now = Timestamp.from(clock.instant());
			jdbc.sql("""
					insert into artifacts (org_id, artifact_id, project_id, name, type, kind, run_id, next_version,
					                       created_at)
					values (?, ?, ?, ?, 'run-files', 'RUN_FILES', ?, 2, ?)
					on conflict do nothing""")
				.params(orgId.value(), id.value(), run.projectId().value(), "run-files:" + runId, runId.value(), now)
				.update();
			jdbc.sql("""
					insert into artifact_versions (org_id, artifact_id, version, state, created_by, created_at,
					                               committed_at)
					select org_id, artifact_id, 1, 'COMMITTED', 'SYSTEM:runledger', ?, ? from artifacts
					where org_id = ? and run_id = ? and kind = 'RUN_FILES'
					on conflict do nothing""")
				.params(now, now, orgId.value(), runId.value())
				.update();
			return jdbc.sql("select * from artifacts where org_id = ? and run_id = ? and kind = 'RUN_FILES'")
				.params(orgId.value(), runId.value())
				.query(Artifacts::mapArtifact)
				.single();
		});
	}

	static String describe(VersionRef ref) {
		return switch (ref) {
			case VersionRef.Number n -> "v" + n.version();
			case VersionRef.Alias a -> a.alias();
		};
	}

	static String name(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new InvalidRequestException("name must start with a letter or digit and hold up to 128 letters, "
					+ "digits, '_', '.' or '-', got '" + Printable.abbreviate(name) + "'");
		}
		return name;
	}

	private static String type(String type) {
		if (!TYPE.matcher(type).matches()) {
			throw new InvalidRequestException("type must start with a letter and hold up to 64 letters, digits, '_', "
					+ "'.' or '-' (for example model, dataset), got '" + Printable.abbreviate(type) + "'");
		}
		return type;
	}

	static Artifact mapArtifact(ResultSet rs, int row) throws SQLException {
		var run = rs.getObject("run_id", UUID.class);
		return new Artifact(new ArtifactId(rs.getObject("artifact_id", UUID.class)),
				new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("name"), rs.getString("type"),
				Kind.valueOf(rs.getString("kind")), run == null ? null : new RunId(run),
				rs.getTimestamp("created_at").toInstant());
	}

	static Version mapVersion(ResultSet rs, int row) throws SQLException {
		return new Version(new ArtifactId(rs.getObject("artifact_id", UUID.class)), rs.getInt("version"),
				rs.getString("state"), rs.getString("description"), rs.getString("metadata"), rs.getInt("file_count"),
				rs.getLong("total_bytes"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				instant(rs, "committed_at"), instant(rs, "deleted_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}
}
