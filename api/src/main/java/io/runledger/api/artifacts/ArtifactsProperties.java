package io.runledger.api.artifacts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param presignExpiry how long a presigned download or part-upload URL works
 * @param maxStreamedUpload the largest file sent through the API; larger ones use a presigned multipart upload
 * @param maxFileSize the largest file of an artifact (multipart: at most 10,000 parts)
 * @param multipartPartSize the part size offered for presigned multipart uploads (grows for files that need more
 *        than 10,000 parts)
 * @param uploadTimeout an upload claimed longer ago than this is abandoned; another may take its path
 * @param draftTimeout a draft version not committed within this is deleted (its files collected)
 * @param retention deleted versions keep their objects this long before the collector removes them
 * @param collectInterval how often the collector runs
 */
@ConfigurationProperties("runledger.artifacts")
record ArtifactsProperties(Duration presignExpiry, DataSize maxStreamedUpload, DataSize maxFileSize,
		DataSize multipartPartSize, Duration uploadTimeout, Duration draftTimeout, Duration retention,
		Duration collectInterval) {

	ArtifactsProperties {
		presignExpiry = presignExpiry == null ? Duration.ofMinutes(15) : presignExpiry;
		maxStreamedUpload = maxStreamedUpload == null ? DataSize.ofGigabytes(5) : maxStreamedUpload;
		maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(50) : maxFileSize;
		multipartPartSize = multipartPartSize == null ? DataSize.ofMegabytes(64) : multipartPartSize;
		uploadTimeout = uploadTimeout == null ? Duration.ofHours(24) : uploadTimeout;
		draftTimeout = draftTimeout == null ? Duration.ofDays(7) : draftTimeout;
		retention = retention == null ? Duration.ofDays(7) : retention;
		collectInterval = collectInterval == null ? Duration.ofMinutes(10) : collectInterval;
	}
}
