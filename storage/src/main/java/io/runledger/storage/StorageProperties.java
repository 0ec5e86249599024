package io.runledger.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the object store is. Defaults match the local S3Proxy started by {@code infra/local/services.sh}.
 * @param presignEndpoint the endpoint presigned URLs name (what clients reach); the server's own endpoint by default
 */
@ConfigurationProperties("runledger.storage")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region,
		Duration timeout, String presignEndpoint) {

	public StorageProperties {
		endpoint = endpoint == null ? "http://127.0.0.1:19000" : endpoint;
		accessKey = accessKey == null ? "runledger" : accessKey;
		secretKey = secretKey == null ? "runledger-dev-secret" : secretKey;
		bucket = bucket == null ? "runledger" : bucket;
		region = region == null ? "us-east-1" : region;
		timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
		presignEndpoint = presignEndpoint == null || presignEndpoint.isBlank() ? endpoint : presignEndpoint;
	}
}
