package io.runledger.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import okhttp3.OkHttpClient;

/**
 * The platform's one bucket. Connection problems never stop the application from starting: tracking works without
 * object storage, and health reports the store as down until it answers.
 */
@Component
public class ObjectStore {

	private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

	private final MinioClient client;

	private final String bucket;

	private final AtomicBoolean bucketReady = new AtomicBoolean();

	ObjectStore(StorageProperties properties) {
		var http = new OkHttpClient.Builder()
			.connectTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.build();
		this.client = MinioClient.builder()
			.endpoint(properties.endpoint())
			.credentials(properties.accessKey(), properties.secretKey())
			.region(properties.region())
			.httpClient(http)
			.build();
		this.bucket = properties.bucket();
	}

	public String bucket() {
		return bucket;
	}

	/**
	 * Checks that the store answers and our bucket exists, creating it on first contact.
	 * @throws StorageUnavailableException when the store cannot be reached or refuses us
	 */
	public void ensureReady() {
		try {
			if (bucketReady.get()) {
				client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
				return;
			}
			if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
				client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
				log.info("Created bucket {}", bucket);
			}
			bucketReady.set(true);
		}
		catch (Exception e) {
			throw new StorageUnavailableException("object storage is unavailable: " + e.getMessage(), e);
		}
	}

	MinioClient client() {
		return client;
	}
}
