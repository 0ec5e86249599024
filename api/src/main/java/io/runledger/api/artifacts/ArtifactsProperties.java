package io.runledger.api.artifacts;

import java.time.Duration;
import java.util.List;

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
 * @param redirectThreshold a download of a larger file answers 307 to a presigned URL of the object store instead of
 *        streaming through the application (unless the request says {@code ?proxy=true})
 * @param redirectExpiry how long such a redirect's URL works (a share link's shorter remaining validity cuts it)
 * @param proxiedUserAgents User-Agent fragments (case-insensitive) of clients that send the request's Authorization
 *        header on to a redirect's other host (Apache HttpClient 4 and early 5, so MLflow's Java client) or that do
 *        not follow it (Apache HttpClient 5.6 when the request carries Authorization): they are always streamed
 */
@ConfigurationProperties("runledger.artifacts")
record ArtifactsProperties(Duration presignExpiry, DataSize maxStreamedUpload, DataSize maxFileSize,
		DataSize multipartPartSize, Duration uploadTimeout, Duration draftTimeout, Duration retention,
		Duration collectInterval, DataSize redirectThreshold, Duration redirectExpiry,
		List<String> proxiedUserAgents) {

	ArtifactsProperties {
		presignExpiry = presignExpiry == null ? Duration.ofMinutes(15) : presignExpiry;
		maxStreamedUpload = maxStreamedUpload == null ? DataSize.ofGigabytes(5) : maxStreamedUpload;
		maxFileSize = maxFileSize == null ? DataSize.ofGigabytes(50) : maxFileSize;
		multipartPartSize = multipartPartSize == null ? DataSize.ofMegabytes(64) : multipartPartSize;
		uploadTimeout = uploadTimeout == null ? Duration.ofHours(24) : uploadTimeout;
		draftTimeout = draftTimeout == null ? Duration.ofDays(7) : draftTimeout;
		retention = retention == null ? Duration.ofDays(7) : retention;
		collectInterval = collectInterval == null ? Duration.ofMinutes(10) : collectInterval;
		redirectThreshold = redirectThreshold == null ? DataSize.ofMegabytes(8) : redirectThreshold;
		redirectExpiry = redirectExpiry == null ? Duration.ofMinutes(5) : redirectExpiry;
		proxiedUserAgents = proxiedUserAgents == null ? List.of("Apache-HttpClient/", "mlflow-java-client/")
				: List.copyOf(proxiedUserAgents);
	}
}
