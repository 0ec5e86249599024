package io.runledger.api.artifacts;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.runledger.storage.ObjectPath;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;

/**
 * Logging an artifact version with its files and its lineage from inside the app, in the steps a client takes over
 * HTTP (draft, upload, commit; declare inputs): the one way in for callers outside this package (the demo seed), so
 * the artifact internals stay package-private.
 */
@Component
public class LogArtifact {

	private final Artifacts artifacts;

	private final ArtifactFiles files;

	private final Lineage lineage;

	LogArtifact(Artifacts artifacts, ArtifactFiles files, Lineage lineage) {
		this.artifacts = artifacts;
		this.files = files;
		this.lineage = lineage;
	}

	/** One small file of a version, its bytes in memory. */
	public record File(String path, byte[] content) {
	}

	/** A committed version, as {@code name:v<version>}. */
	public record Logged(ArtifactId artifactId, String name, int version) {
	}

	/**
	 * A new committed version of the named artifact (created on first use) with these files, produced by
	 * {@code producedBy} when not null; {@code latest} and the given aliases move to it.
	 */
	public Logged version(OrgId orgId, ProjectId projectId, String name, String type, String description,
			String metadataJson, RunId producedBy, List<File> content, List<String> aliases, Actor actor) {
		var draft = artifacts.createDraft(orgId, projectId,
				new Artifacts.NewVersion(name, type, description, metadataJson, producedBy), actor);
		for (var file : content) {
			files.upload(orgId, draft.artifactId(), draft.version(), ObjectPath.of(file.path()),
					new ByteArrayInputStream(file.content()), file.content().length, null);
		}
		var committed = artifacts.commit(orgId, draft.artifactId(), draft.version(), aliases);
		return new Logged(committed.artifactId(), name, committed.version());
	}

	/** Records that a run consumed a committed version; again is a no-op. */
	public void consumed(OrgId orgId, RunId runId, Logged version) {
		lineage.link(orgId, runId, version.artifactId(), VersionRef.parse(String.valueOf(version.version())),
				Lineage.Edge.Kind.INPUT);
	}

	/** The project's artifact of this name, if there is one. */
	public Optional<ArtifactId> find(OrgId orgId, ProjectId projectId, String name) {
		try {
			return Optional.of(artifacts.byName(orgId, projectId, name).id());
		}
		catch (io.runledger.tenancy.NotFoundException e) {
			return Optional.empty();
		}
	}
}
