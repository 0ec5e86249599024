package io.runledger.api.artifacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.runledger.storage.ObjectPath;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/**
 * Artifacts as other features name them (a report's artifact block): by project, name and version or alias.
 * Only committed versions are ever resolved; a reference that no longer resolves (deleted, renamed) is empty, not an
 * error, so a report keeps rendering.
 */
@Component
public class ArtifactReferences {

	private final Artifacts artifacts;

	private final ArtifactFiles files;

	ArtifactReferences(Artifacts artifacts, ArtifactFiles files) {
		this.artifacts = artifacts;
		this.files = files;
	}

	public record FileInfo(String path, long size, String sha256) {
	}

	public record Resolved(String artifactId, String name, String type, int version, String description,
			long totalBytes, List<FileInfo> files, Instant committedAt) {
	}

	/** The committed version {@code versionOrAlias} (3, v3, latest, best, ...) of the named artifact, if any. */
	public Optional<Resolved> resolve(OrgId orgId, ProjectId projectId, String name, String versionOrAlias) {
		try {
			var artifact = artifacts.byName(orgId, projectId, name);
			if (artifact.kind() != Artifacts.Kind.NAMED) {
				return Optional.empty();
			}
			var version = artifacts.resolve(orgId, artifact.id(), VersionRef.parse(versionOrAlias));
			var stored = files.files(orgId, artifact.id(), version.version(), null)
				.stream()
				.map(f -> new FileInfo(f.path().value(), f.size(), f.sha256()))
				.toList();
			return Optional.of(new Resolved(artifact.id().toString(), artifact.name(), artifact.type(),
					version.version(), version.description(), version.totalBytes(), stored, version.committedAt()));
		}
		catch (NotFoundException | InvalidRequestException e) {
			return Optional.empty();
		}
	}

	/** One file of exactly this committed version of the named artifact, as a download; anything else is not found. */
	public Downloads.File download(OrgId orgId, ProjectId projectId, String name, int version, String path) {
		var artifact = artifacts.byName(orgId, projectId, name);
		if (artifact.kind() != Artifacts.Kind.NAMED) {
			throw new NotFoundException("artifact", name);
		}
		return files.download(orgId, artifact.id(), new VersionRef.Number(version), ObjectPath.of(path));
	}
}
