package io.runledger.api.artifacts;

import java.io.InputStream;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.PayloadTooLargeException;
import io.runledger.metering.BudgetGuard;
import io.runledger.metering.Meter;
import io.runledger.metering.UsageRecorder;
import io.runledger.storage.ObjectKey;
import io.runledger.storage.ObjectPath;
import io.runledger.storage.ObjectStore;
import io.runledger.storage.StoredObject;
import io.runledger.storage.ObjectNotFoundException;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.TenantTransactions;

/**
 * The files of artifact versions: uploads streamed through the API or by presigned multipart upload, downloads, and
 * presigned download URLs. An upload first claims its path (a PENDING row, so two uploads of one path cannot race),
 * then moves bytes with no transaction open, then records what was verified. Bytes are reported to metering when they
 * become visible: at commit for a named version (see {@link Artifacts#commit}), at once for a run's plain files.
 */
@Component
class ArtifactFiles {

	private static final Logger log = LoggerFactory.getLogger(ArtifactFiles.class);

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Artifacts artifacts;

	private final ObjectStore store;

	private final UsageRecorder usage;

	private final ArtifactsProperties properties;

	private final Clock clock;

	private final BudgetGuard budgets;

	ArtifactFiles(JdbcClient jdbc, TenantTransactions tx, Artifacts artifacts, ObjectStore store, UsageRecorder usage,
			ArtifactsProperties properties, Clock clock, BudgetGuard budgets) {
		this.budgets = budgets;
		this.jdbc = jdbc;
		this.tx = tx;
		this.artifacts = artifacts;
		this.store = store;
		this.usage = usage;
		this.properties = properties;
		this.clock = clock;
	}

	record StoredFile(UUID fileId, ArtifactId artifactId, int version, ObjectPath path, String state, Long size,
			String sha256, Instant storedAt, String uploadId, Long expectedSize, String expectedSha256,
			Long partSize, Instant uploadStartedAt, boolean metered) {
	}

	/** A claimed path: the row and the instant that identifies this claim (another upload may take over later). */
	private record Claim(OrgId orgId, Artifacts.Artifact artifact, StoredFile file, Instant token, boolean replacing) {

		ObjectKey key() {
			return ObjectKey.artifactFile(orgId, artifact.id().value(), file.version(), file.path());
		}
	}

	record PartUrl(int partNumber, long size, URI url) {
	}

	record MultipartUpload(StoredFile file, long partSize, List<PartUrl> parts, Instant expiresAt) {
	}

	// ------------------------------------------------------------------------------------------------ streamed

	/** Streams one file of a draft version through the API; a path already uploaded in the draft is a conflict. */
	StoredFile upload(OrgId orgId, ArtifactId artifactId, int version, ObjectPath path, InputStream body, long size,
			String declaredSha256) {
		var expected = sha256(declaredSha256, false);
		checkStreamedSize(size);
		var artifact = artifacts.artifact(orgId, artifactId);
		if (artifact.kind() != Artifacts.Kind.NAMED) {
			throw new NotFoundException("artifact", artifactId);
		}
		// New bytes add stored byte-seconds: a reached hard cap on storage (or money) refuses them.
		budgets.requireWritable(orgId, artifact.projectId(), Meter.STORAGE_BYTES);
		return stream(abandonPrevious(claim(orgId, artifact, version, path, false)), body, size, expected);
	}

	/** Streams a run's plain file (MLflow's log_artifact): visible at once; an existing file is replaced. */
	StoredFile uploadRunFile(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path, InputStream body,
			long size) {
		checkStreamedSize(size);
		var artifact = artifacts.runFiles(orgId, runId, true);
		budgets.requireWritable(orgId, artifact.projectId(), Meter.STORAGE_BYTES);
		return stream(abandonPrevious(claim(orgId, artifact, 1, path, true)), body, size, null);
	}

	/** Moves the bytes of a claimed path; every check that needs no bytes was done before the claim. */
	private StoredFile stream(Claim claim, InputStream body, long size, String expected) {
		StoredObject stored;
		try {
			stored = store.put(claim.key(), body, size);
		}
		catch (RuntimeException e) {
			release(claim);
			throw e;
		}
		if (expected != null && !expected.equals(stored.sha256())) {
			discard(claim);
			throw new InvalidRequestException("SHA-256 mismatch: declared " + expected + ", received " + stored.sha256()
					+ "; the file was not stored");
		}
		return stored(claim, stored);
	}

	private void checkStreamedSize(long size) {
		if (size < 0) {
			throw new InvalidRequestException("Content-Length is required: uploads are streamed, never buffered");
		}
		if (size > properties.maxStreamedUpload().toBytes()) {
			throw new PayloadTooLargeException("files over " + properties.maxStreamedUpload().toMegabytes()
					+ " MB are uploaded by presigned multipart upload, not through the API (got " + size + " bytes)");
		}
	}

	// ------------------------------------------------------------------------------------------------ multipart

	/**
	 * Starts a presigned multipart upload of one large file into a draft: the client PUTs each part straight to object
	 * storage, then calls {@link #completeMultipart}, which checks every part's size and the whole file's SHA-256.
	 */
	MultipartUpload startMultipart(OrgId orgId, ArtifactId artifactId, int version, ObjectPath path, long size,
			String declaredSha256) {
		var sha = sha256(declaredSha256, true);
		long max = properties.maxFileSize().toBytes();
		if (size < 1 || size > max) {
			throw new InvalidRequestException("size must be between 1 byte and " + max + " bytes, got " + size);
		}
		long partSize = Math.max(properties.multipartPartSize().toBytes(),
				Math.max(ObjectStore.MIN_PART_SIZE, ceilDiv(size, ObjectStore.MAX_PARTS)));
		var artifact = artifacts.artifact(orgId, artifactId);
		if (artifact.kind() != Artifacts.Kind.NAMED) {
			throw new NotFoundException("artifact", artifactId);
		}
		budgets.requireWritable(orgId, artifact.projectId(), Meter.STORAGE_BYTES);
		var claim = abandonPrevious(claim(orgId, artifact, version, path, false));
		var uploadId = startUpload(claim, size, sha, partSize);
		var file = file(orgId, claim.file().fileId()).orElseThrow();
		return new MultipartUpload(file, partSize, partUrls(claim.key(), uploadId, size, partSize),
				clock.instant().plus(properties.presignExpiry()));
	}

	/**
	 * Opens the store's multipart upload for a claim and records it with what the file must turn out to be (nulls
	 * where the client sizes its own parts); a store that cannot open it gives the claim back.
	 */
	private String startUpload(Claim claim, Long size, String sha, Long partSize) {
		String uploadId;
		try {
			uploadId = store.createMultipartUpload(claim.key());
		}
		catch (RuntimeException e) {
			release(claim);
			throw e;
		}
		tx.writeVoid(claim.orgId(), () -> jdbc.sql("""
				update artifact_files set upload_id = ?, expected_size = ?, expected_sha256 = ?, part_size = ?
				where org_id = ? and file_id = ? and upload_started_at = ?""")
			.params(uploadId, size, sha, partSize, claim.orgId().value(), claim.file().fileId(),
					Timestamp.from(claim.token()))
			.update());
		return uploadId;
	}

	/**
	 * Fresh part URLs for an open multipart upload: part URLs expire like every presigned URL, and a very large file
	 * may take longer to upload than one expiry.
	 */
	MultipartUpload renewMultipart(OrgId orgId, ArtifactId artifactId, int version, UUID fileId) {
		artifacts.artifact(orgId, artifactId);
		var file = openUpload(orgId, artifactId, version, fileId);
		return new MultipartUpload(file, file.partSize(),
				partUrls(key(orgId, file), file.uploadId(), file.expectedSize(), file.partSize()),
				clock.instant().plus(properties.presignExpiry()));
	}

	private List<PartUrl> partUrls(ObjectKey key, String uploadId, long size, long partSize) {
		int count = (int) ceilDiv(size, partSize);
		var parts = new ArrayList<PartUrl>(count);
		for (int n = 1; n <= count; n++) {
			long length = n < count ? partSize : size - partSize * (count - 1);
			parts.add(new PartUrl(n, length, store.presignPart(key, uploadId, n, properties.presignExpiry())));
		}
		return parts;
	}

	/**
	 * Completes a multipart upload after checking what the store holds: every part present with the size it was
	 * given, then the whole object read back and its SHA-256 compared with the declared one. A mismatch in the parts
	 * leaves the upload open (re-upload the part and complete again); a checksum mismatch discards the file.
	 * Completing a file that is already stored answers it again, so retries are safe.
	 */
	StoredFile completeMultipart(OrgId orgId, ArtifactId artifactId, int version, UUID fileId) {
		var artifact = artifacts.artifact(orgId, artifactId);
		var file = file(orgId, fileId)
			.filter(f -> f.artifactId().equals(artifactId) && f.version() == version)
			.orElseThrow(() -> new NotFoundException("upload", fileId));
		if ("STORED".equals(file.state())) {
			return file;
		}
		if (!"PENDING".equals(file.state()) || file.uploadId() == null) {
			throw new ConflictException("file " + fileId + " is " + file.state() + ", not an open multipart upload");
		}
		if (file.expectedSize() == null) {
			// a run file's upload sized by its client (MLflow's mpu/complete completes it), not one declared here
			throw new NotFoundException("upload", fileId);
		}
		var claim = new Claim(orgId, artifact, file, file.uploadStartedAt(), false);
		long size = file.expectedSize();
		long partSize = file.partSize();
		int count = (int) ceilDiv(size, partSize);
		var parts = store.listParts(claim.key(), file.uploadId());
		var problems = new ArrayList<String>();
		for (int n = 1; n <= count; n++) {
			long expected = n < count ? partSize : size - partSize * (count - 1);
			int number = n;
			var part = parts.stream().filter(p -> p.partNumber() == number).findFirst();
			if (part.isEmpty()) {
				problems.add("part " + n + " is missing");
			}
			else if (part.get().size() != expected) {
				problems.add("part " + n + " has " + part.get().size() + " bytes, expected " + expected);
			}
		}
		parts.stream().filter(p -> p.partNumber() > count).forEach(p -> problems.add("part " + p.partNumber()
				+ " is beyond the " + count + " parts of this upload"));
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("the multipart upload does not match the declared size of " + size
					+ " bytes: " + Printable.abbreviate(String.join("; ", problems), 400)
					+ "; upload the parts again and complete once more");
		}
		try {
			store.completeMultipartUpload(claim.key(), file.uploadId(),
					parts.stream().filter(p -> p.partNumber() <= count).toList());
		}
		catch (ObjectNotFoundException e) {
			// A concurrent complete (a client retry) finished it first.
			return file(orgId, fileId).filter(f -> "STORED".equals(f.state()))
				.orElseThrow(() -> new ConflictException("the multipart upload of " + fileId + " is no longer open"));
		}
		var stored = store.digest(claim.key());
		if (stored.size() != size || !stored.sha256().equals(file.expectedSha256())) {
			discard(claim);
			throw new InvalidRequestException("the uploaded file does not match what was declared: " + stored.size()
					+ " bytes with SHA-256 " + stored.sha256() + ", declared " + size + " bytes with SHA-256 "
					+ file.expectedSha256() + "; the file was discarded, upload it again");
		}
		return stored(claim, stored);
	}

	/** A multipart upload still open (not completed, aborted or taken over) in this draft. */
	private StoredFile openUpload(OrgId orgId, ArtifactId artifactId, int version, UUID fileId) {
		return file(orgId, fileId)
			.filter(f -> f.artifactId().equals(artifactId) && f.version() == version && "PENDING".equals(f.state())
					&& f.uploadId() != null && f.expectedSize() != null)
			.orElseThrow(() -> new NotFoundException("upload", fileId));
	}

	void abortMultipart(OrgId orgId, ArtifactId artifactId, int version, UUID fileId) {
		var artifact = artifacts.artifact(orgId, artifactId);
		var file = openUpload(orgId, artifactId, version, fileId);
		var claim = new Claim(orgId, artifact, file, file.uploadStartedAt(), false);
		store.abortMultipartUpload(claim.key(), file.uploadId());
		release(claim);
	}

	// ------------------------------------------------------------------------------------------------ run files, multipart

	/** A part the client says it uploaded: its number and the ETag the store answered for it. */
	record DeclaredPart(int partNumber, String etag) {
	}

	/**
	 * Starts a multipart upload of a run's plain file whose parts the client sizes itself (MLflow's proxied multipart
	 * upload: it names only how many parts it will send). Each part URL uploads exactly one part of this one object.
	 */
	MultipartUpload startRunFileMultipart(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path,
			long partCount) {
		if (partCount < 1 || partCount > ObjectStore.MAX_PARTS) {
			throw new InvalidRequestException("num_parts must be between 1 and " + ObjectStore.MAX_PARTS + ", got "
					+ partCount);
		}
		var artifact = artifacts.runFiles(orgId, runId, true);
		budgets.requireWritable(orgId, artifact.projectId(), Meter.STORAGE_BYTES);
		var claim = abandonPrevious(claim(orgId, artifact, 1, path, true));
		var uploadId = startUpload(claim, null, null, null);
		var parts = new ArrayList<PartUrl>((int) partCount);
		for (int n = 1; n <= partCount; n++) {
			parts.add(new PartUrl(n, -1, store.presignPart(claim.key(), uploadId, n, properties.presignExpiry())));
		}
		return new MultipartUpload(file(orgId, claim.file().fileId()).orElseThrow(), -1, parts,
				clock.instant().plus(properties.presignExpiry()));
	}

	/**
	 * Completes a run file's multipart upload: the declared parts must be 1..n, each held by the store with the ETag
	 * the client reported, together no larger than the file size limit; the stored object is then read back for its
	 * size and SHA-256 and becomes the run's file (replacing an earlier one of that path).
	 */
	StoredFile completeRunFileMultipart(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path,
			String uploadId, List<DeclaredPart> declared) {
		var claim = runFileUpload(orgId, runId, path, uploadId);
		if (declared.isEmpty()) {
			throw new InvalidRequestException("parts must list the uploaded parts, got none");
		}
		var held = store.listParts(claim.key(), uploadId);
		var problems = new ArrayList<String>();
		long total = 0;
		var chosen = new ArrayList<io.runledger.storage.UploadedPart>();
		for (int i = 0; i < declared.size(); i++) {
			var part = declared.get(i);
			if (part.partNumber() != i + 1) {
				problems.add("parts must be numbered 1.." + declared.size() + " in order; found part "
						+ part.partNumber() + " at position " + (i + 1));
				break;
			}
			var stored = held.stream().filter(p -> p.partNumber() == part.partNumber()).findFirst();
			if (stored.isEmpty()) {
				problems.add("part " + part.partNumber() + " was not uploaded");
				continue;
			}
			if (part.etag() != null && !part.etag().isBlank() && !unquoted(part.etag()).equals(unquoted(stored.get().etag()))) {
				problems.add("part " + part.partNumber() + " has ETag " + unquoted(stored.get().etag())
						+ " in storage, not " + Printable.abbreviate(unquoted(part.etag()), 80));
			}
			total += stored.get().size();
			chosen.add(stored.get());
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("the multipart upload of '" + path + "' cannot be completed: "
					+ Printable.abbreviate(String.join("; ", problems), 400));
		}
		long max = properties.maxFileSize().toBytes();
		if (total > max) {
			abortUpload(claim, uploadId);
			throw new PayloadTooLargeException("'" + path + "' would be " + total + " bytes, more than the limit of "
					+ max + " bytes per file; the upload was aborted");
		}
		store.completeMultipartUpload(claim.key(), uploadId, chosen);
		return stored(claim, store.digest(claim.key()));
	}

	void abortRunFileMultipart(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path, String uploadId) {
		abortUpload(runFileUpload(orgId, runId, path, uploadId), uploadId);
	}

	/** The open upload {@code uploadId} of a run file, as the claim that started it. */
	private Claim runFileUpload(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path, String uploadId) {
		var artifact = artifacts.runFiles(orgId, runId, false);
		var file = artifact == null ? null : tx.read(orgId, () -> jdbc.sql("""
				select * from artifact_files where org_id = ? and artifact_id = ? and version = 1 and path = ?
				  and upload_id = ? and upload_started_at is not null""")
			.params(orgId.value(), artifact.id().value(), path.value(), uploadId)
			.query(ArtifactFiles::map)
			.optional()
			.orElse(null));
		if (file == null) {
			throw new NotFoundException("multipart upload", Printable.abbreviate(uploadId, 100) + " of " + path);
		}
		return new Claim(orgId, artifact, file, file.uploadStartedAt(), "STORED".equals(file.state()));
	}

	private void abortUpload(Claim claim, String uploadId) {
		store.abortMultipartUpload(claim.key(), uploadId);
		tx.writeVoid(claim.orgId(), () -> jdbc.sql("""
				update artifact_files set upload_id = null where org_id = ? and file_id = ? and upload_id = ?""")
			.params(claim.orgId().value(), claim.file().fileId(), uploadId)
			.update());
		release(claim);
	}

	private static String unquoted(String etag) {
		return etag.strip().replace("\"", "");
	}

	/** A presigned GET of a run's plain file and its size, for clients that fetch large files in ranges. */
	RunFiles.PresignedFile presignRunFile(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path) {
		var artifact = artifacts.runFiles(orgId, runId, false);
		var file = artifact == null ? null : storedFile(orgId, artifact.id(), 1, path).orElse(null);
		if (file == null) {
			throw new NotFoundException("artifact file", path);
		}
		return new RunFiles.PresignedFile(store.presignGet(key(orgId, file), properties.presignExpiry()), file.size());
	}

	// ------------------------------------------------------------------------------------------------ claims

	/**
	 * Claims {@code path} in a version for one upload. A new path gets a PENDING row; an abandoned claim (older than
	 * the upload timeout) is taken over; a stored file is replaced only where replacing is allowed (a run's plain
	 * files), and then only when no other upload of it is under way.
	 */
	private Claim claim(OrgId orgId, Artifacts.Artifact artifact, int version, ObjectPath path, boolean replace) {
		var token = clock.instant().truncatedTo(ChronoUnit.MICROS);
		return tx.write(orgId, () -> {
			// Shares the version row with other uploads but not with commit, which locks it for update.
			var state = jdbc.sql("""
					select state from artifact_versions where org_id = ? and artifact_id = ? and version = ? for share""")
				.params(orgId.value(), artifact.id().value(), version)
				.query(String.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("version", "v" + version));
			boolean writable = artifact.kind() == Artifacts.Kind.RUN_FILES ? "COMMITTED".equals(state)
					: "PENDING".equals(state);
			if (!writable) {
				throw new ConflictException("version " + version + " is " + state
						+ "; files can only be added to a draft (PENDING) version");
			}
			int inserted = jdbc.sql("""
					insert into artifact_files (org_id, file_id, artifact_id, version, path, state, upload_started_at,
					                            created_at)
					values (?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict (org_id, artifact_id, version, path) do nothing""")
				.params(orgId.value(), UUID.randomUUID(), artifact.id().value(), version, path.value(),
						Timestamp.from(token), Timestamp.from(token))
				.update();
			var file = jdbc.sql("""
					select * from artifact_files where org_id = ? and artifact_id = ? and version = ? and path = ?
					for update""")
				.params(orgId.value(), artifact.id().value(), version, path.value())
				.query(ArtifactFiles::map)
				.single();
			if (inserted == 1) {
				return new Claim(orgId, artifact, file, token, false);
			}
			boolean abandoned = file.uploadStartedAt() == null
					|| file.uploadStartedAt().isBefore(token.minus(properties.uploadTimeout()));
			boolean replacing = "STORED".equals(file.state());
			if (replacing && !replace) {
				throw new ConflictException("'" + path + "' was already uploaded to version " + version
						+ "; files of a version are written once");
			}
			if (!abandoned || !("PENDING".equals(file.state()) || replacing)) {
				throw new ConflictException("'" + path + "' is being uploaded by another request; retry later");
			}
			jdbc.sql("update artifact_files set upload_started_at = ? where org_id = ? and file_id = ?")
				.params(Timestamp.from(token), orgId.value(), file.fileId())
				.update();
			if (file.uploadId() != null) {
				// The abandoned multipart upload is aborted below, outside the transaction.
				jdbc.sql("update artifact_files set upload_id = null where org_id = ? and file_id = ?")
					.params(orgId.value(), file.fileId())
					.update();
			}
			return new Claim(orgId, artifact, file, token, replacing);
		});
	}

	/** A claim that took over an abandoned multipart upload aborts it, so its parts do not linger in the store. */
	private Claim abandonPrevious(Claim claim) {
		if (claim.file().uploadId() != null) {
			try {
				store.abortMultipartUpload(claim.key(), claim.file().uploadId());
			}
			catch (RuntimeException e) {
				log.warn("Could not abort abandoned multipart upload of {}: {}", claim.key(), e.getMessage());
			}
		}
		return claim;
	}

	/** Records verified bytes for a claim; for a run's plain files they become visible, and metered, right here. */
	private StoredFile stored(Claim claim, StoredObject stored) {
		var orgId = claim.orgId();
		var visibleNow = claim.artifact().kind() == Artifacts.Kind.RUN_FILES;
		return tx.write(orgId, () -> {
			var current = jdbc.sql("select * from artifact_files where org_id = ? and file_id = ? for update")
				.params(orgId.value(), claim.file().fileId())
				.query(ArtifactFiles::map)
				.optional()
				.filter(f -> claim.token().equals(f.uploadStartedAt()))
				.orElseThrow(() -> new ConflictException("the upload of '" + claim.file().path()
						+ "' was taken over or its version deleted while it ran; upload it again"));
			var fileId = current.fileId();
			if (claim.replacing()) {
				// A new id for the new bytes, so that "stored" and "deleted" usage events stay one per set of bytes.
				fileId = UUID.randomUUID();
				if (current.metered()) {
					usage.storageChanged(orgId, "artifact-file:" + current.fileId() + ":deleted",
							claim.artifact().projectId(), -current.size());
				}
			}
			jdbc.sql("""
					update artifact_files set file_id = ?, state = 'STORED', size_bytes = ?, sha256 = ?, stored_at = ?,
					       upload_started_at = null, upload_id = null, metered = ?
					where org_id = ? and file_id = ?""")
				.params(fileId, stored.size(), stored.sha256(), Timestamp.from(clock.instant()), visibleNow,
						orgId.value(), current.fileId())
				.update();
			if (visibleNow) {
				usage.storageChanged(orgId, "artifact-file:" + fileId + ":stored", claim.artifact().projectId(),
						stored.size());
			}
			return file(orgId, fileId).orElseThrow();
		});
	}

	/** Gives a claim back after a failed upload: a new path disappears, a file being replaced keeps its old bytes. */
	private void release(Claim claim) {
		try {
			tx.writeVoid(claim.orgId(), () -> {
				if (claim.replacing()) {
					jdbc.sql("""
							update artifact_files set upload_started_at = null
							where org_id = ? and file_id = ? and upload_started_at = ?""")
						.params(claim.orgId().value(), claim.file().fileId(), Timestamp.from(claim.token()))
						.update();
				}
				else {
					jdbc.sql("""
							delete from artifact_files
							where org_id = ? and file_id = ? and upload_started_at = ? and state = 'PENDING'""")
						.params(claim.orgId().value(), claim.file().fileId(), Timestamp.from(claim.token()))
						.update();
				}
			});
		}
		catch (RuntimeException e) {
			// The claim expires after the upload timeout anyway.
			log.warn("Could not release the upload claim of {}: {}", claim.key(), e.getMessage());
		}
	}

	/** Removes bytes that failed verification, then the claim. */
	private void discard(Claim claim) {
		try {
			store.delete(claim.key());
		}
		catch (RuntimeException e) {
			log.warn("Could not delete unverified object {}: {}", claim.key(), e.getMessage());
		}
		release(claim);
	}

	// ------------------------------------------------------------------------------------------------ reads

	/** A stored file of a committed version, as a download ({@link Downloads} streams or redirects it). */
	Downloads.File download(OrgId orgId, ArtifactId artifactId, VersionRef ref, ObjectPath path) {
		var file = visibleFile(orgId, artifactId, ref, path);
		return new Downloads.File(file.size(), file.sha256(), file.path().fileName(), key(orgId, file));
	}

	URI presignDownload(OrgId orgId, ArtifactId artifactId, VersionRef ref, ObjectPath path) {
		var file = visibleFile(orgId, artifactId, ref, path);
		return store.presignGet(key(orgId, file), properties.presignExpiry());
	}

	Instant presignedUntil() {
		return clock.instant().plus(properties.presignExpiry());
	}

	private StoredFile visibleFile(OrgId orgId, ArtifactId artifactId, VersionRef ref, ObjectPath path) {
		var version = artifacts.resolve(orgId, artifactId, ref);
		return storedFile(orgId, artifactId, version.version(), path)
			.orElseThrow(() -> new NotFoundException("file", path));
	}

	Optional<StoredFile> storedFile(OrgId orgId, ArtifactId artifactId, int version, ObjectPath path) {
		return tx.read(orgId, () -> jdbc.sql("""
				select * from artifact_files where org_id = ? and artifact_id = ? and version = ? and path = ?
				  and state = 'STORED'""")
			.params(orgId.value(), artifactId.value(), version, path.value())
			.query(ArtifactFiles::map)
			.optional());
	}

	/** The stored files of a version, by path; with a prefix, only those under that directory. */
	List<StoredFile> files(OrgId orgId, ArtifactId artifactId, int version, String directory) {
		return tx.read(orgId, () -> jdbc.sql("""
				select * from artifact_files where org_id = ? and artifact_id = ? and version = ? and state = 'STORED'
				  and (cast(? as text) is null or starts_with(path, cast(? as text)))
				order by path""")
			.params(orgId.value(), artifactId.value(), version, directory == null ? null : directory + "/",
					directory == null ? null : directory + "/")
			.query(ArtifactFiles::map)
			.list());
	}

	Optional<StoredFile> file(OrgId orgId, UUID fileId) {
		return tx.read(orgId, () -> jdbc.sql("select * from artifact_files where org_id = ? and file_id = ?")
			.params(orgId.value(), fileId)
			.query(ArtifactFiles::map)
			.optional());
	}

	/**
	 * Removes a run's plain file for good (MLflow deletes at once): the object first, then the row and its bytes'
	 * usage, so a failure leaves the file listed rather than a row without bytes.
	 */
	void deleteRunFile(OrgId orgId, io.runledger.tenancy.RunId runId, ObjectPath path) {
		var artifact = artifacts.runFiles(orgId, runId, false);
		var file = artifact == null ? null
				: storedFile(orgId, artifact.id(), 1, path).orElse(null);
		if (file == null) {
			throw new NotFoundException("artifact file", path);
		}
		if (file.uploadStartedAt() != null) {
			throw new ConflictException("'" + path + "' is being uploaded; retry the delete later");
		}
		store.delete(key(orgId, file));
		tx.writeVoid(orgId, () -> {
			int deleted = jdbc.sql("delete from artifact_files where org_id = ? and file_id = ? and state = 'STORED'")
				.params(orgId.value(), file.fileId())
				.update();
			if (deleted == 1 && file.metered()) {
				usage.storageChanged(orgId, "artifact-file:" + file.fileId() + ":deleted", artifact.projectId(),
						-file.size());
			}
		});
	}

	static ObjectKey key(OrgId orgId, StoredFile file) {
		return ObjectKey.artifactFile(orgId, file.artifactId().value(), file.version(), file.path());
	}

	private static String sha256(String text, boolean required) {
		if (text == null || text.isBlank()) {
			if (required) {
				throw new InvalidRequestException("sha256 is required: the SHA-256 of the whole file as 64 hex digits");
			}
			return null;
		}
		var lower = text.strip().toLowerCase(java.util.Locale.ROOT);
		if (!SHA256.matcher(lower).matches()) {
			throw new InvalidRequestException("sha256 must be 64 hex digits, got '" + Printable.abbreviate(text) + "'");
		}
		return lower;
	}

	private static long ceilDiv(long a, long b) {
		return (a + b - 1) / b;
	}

	static StoredFile map(ResultSet rs, int row) throws SQLException {
		var size = rs.getObject("size_bytes", Long.class);
		var stored = rs.getTimestamp("stored_at");
		var started = rs.getTimestamp("upload_started_at");
		return new StoredFile(rs.getObject("file_id", UUID.class), new ArtifactId(rs.getObject("artifact_id", UUID.class)),
				rs.getInt("version"), ObjectPath.of(rs.getString("path")), rs.getString("state"), size,
				rs.getString("sha256"), stored == null ? null : stored.toInstant(), rs.getString("upload_id"),
				rs.getObject("expected_size", Long.class), rs.getString("expected_sha256"),
				rs.getObject("part_size", Long.class), started == null ? null : started.toInstant(),
				rs.getBoolean("metered"));
	}
}
