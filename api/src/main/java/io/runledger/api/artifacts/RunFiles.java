package io.runledger.api.artifacts;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import io.runledger.storage.ObjectPath;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;

/**
 * A run's plain files (MLflow's artifact directory of a run), over the same storage as versioned artifacts: one
 * artifact per run with a single always-visible version, where each file is visible once stored and may be replaced
 * or deleted. The door the MLflow adapter uses.
 */
@Component
public class RunFiles {

	private final Artifacts artifacts;

	private final ArtifactFiles files;

	RunFiles(Artifacts artifacts, ArtifactFiles files) {
		this.artifacts = artifacts;
		this.files = files;
	}

	/** One entry of a directory listing: a file with its size, or a directory (size null). */
	public record Entry(String path, boolean directory, Long size) {
	}

	/** Stores (or replaces) a file, streamed; {@code size} must be known. */
	public void put(OrgId orgId, RunId runId, ObjectPath path, InputStream body, long size) {
		files.uploadRunFile(orgId, runId, path, body, size);
	}

	/** One of the run's files, as a download ({@link Downloads} streams or redirects it). */
	public Downloads.File download(OrgId orgId, RunId runId, ObjectPath path) {
		var artifact = artifacts.runFiles(orgId, runId, false);
		if (artifact == null) {
			throw new NotFoundException("artifact file", path);
		}
		return files.download(orgId, artifact.id(), new VersionRef.Number(1), path);
	}

	/** An open multipart upload: its id and one presigned PUT URL per part, numbered from 1. */
	public record Multipart(String uploadId, List<URI> partUrls) {
	}

	/** A part the client uploaded: its number and the ETag the store answered. */
	public record UploadedPart(int partNumber, String etag) {
	}

	/**
	 * Starts a multipart upload of a file (replacing an earlier one of that path once completed) whose parts the client
	 * uploads straight to object storage.
	 */
	public Multipart startMultipart(OrgId orgId, RunId runId, ObjectPath path, long partCount) {
		var upload = files.startRunFileMultipart(orgId, runId, path, partCount);
		return new Multipart(upload.file().uploadId(), upload.parts().stream().map(ArtifactFiles.PartUrl::url).toList());
	}

	/** Completes it after checking the parts; the file is then stored, verified and metered like any other. */
	public void completeMultipart(OrgId orgId, RunId runId, ObjectPath path, String uploadId,
			List<UploadedPart> parts) {
		files.completeRunFileMultipart(orgId, runId, path, uploadId,
				parts.stream().map(p -> new ArtifactFiles.DeclaredPart(p.partNumber(), p.etag())).toList());
	}

	public void abortMultipart(OrgId orgId, RunId runId, ObjectPath path, String uploadId) {
		files.abortRunFileMultipart(orgId, runId, path, uploadId);
	}

	/** A short-lived URL that reads exactly this file, and its size. */
	public record PresignedFile(URI url, long size) {
	}

	public PresignedFile presign(OrgId orgId, RunId runId, ObjectPath path) {
		return files.presignRunFile(orgId, runId, path);
	}

	public void delete(OrgId orgId, RunId runId, ObjectPath path) {
		files.deleteRunFile(orgId, runId, path);
	}

	/**
	 * The direct children of a directory ({@code null} for the root), files and directories in path order, each with
	 * its path from the root.
	 */
	public List<Entry> list(OrgId orgId, RunId runId, ObjectPath directory) {
		var artifact = artifacts.runFiles(orgId, runId, false);
		if (artifact == null) {
			return List.of();
		}
		var prefix = directory == null ? "" : directory.value() + "/";
		var children = new LinkedHashMap<String, Entry>();
		for (var file : files.files(orgId, artifact.id(), 1, directory == null ? null : directory.value())) {
			var rest = file.path().value().substring(prefix.length());
			int slash = rest.indexOf('/');
			if (slash < 0) {
				children.put(rest, new Entry(prefix + rest, false, file.size()));
			}
			else {
				var name = rest.substring(0, slash);
				children.putIfAbsent(name + "/", new Entry(prefix + name, true, null));
			}
		}
		return new ArrayList<>(children.values());
	}
}
