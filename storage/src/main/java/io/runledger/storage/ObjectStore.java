package io.runledger.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListPartsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Part;
import io.runledger.tenancy.InvalidRequestException;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The platform's one bucket. Connection problems never stop the application from starting: tracking works without
 * object storage, and health reports the store as down until it answers. Every failure to reach the store (or a
 * refusal by it) is a {@link StorageUnavailableException}; a missing object is an {@link ObjectNotFoundException};
 * data that does not match what the caller declared is an {@code InvalidRequestException}. Keys are only ever
 * {@link ObjectKey}s, so this class cannot be asked for anything outside the layout it owns.
 */
@Component
public class ObjectStore {

	private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

	/** S3's smallest part (except the last) and most parts per upload. */
	public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	public static final int MAX_PARTS = 10_000;

	/** S3's largest object in one PUT. */
	public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

	/** Bytes moved per read and write when streaming: large enough that system calls cost little per byte. */
	private static final int COPY_BUFFER = 256 * 1024;

	private final MinioClient client;

	/** Multipart calls (create, list parts, complete, abort) exist only on the asynchronous client in SDK 9. */
	private final MinioAsyncClient asyncClient;

	/** Signs URLs for the host clients will use, which may differ from the one the server talks to. */
	private final MinioClient presigner;

	private final String bucket;

	private final StorageProperties properties;

	private final AtomicBoolean bucketReady = new AtomicBoolean();

	ObjectStore(StorageProperties properties) {
		this.properties = properties;
		var http = new OkHttpClient.Builder()
			.connectTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.readTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.writeTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			// A pooled connection the store closed while idle must be retried on a fresh one, not answered as an outage
			// (seen as "EOFException: \n not found" on S3Proxy); and pooled connections are let go before a typical
			// server idle timeout (Jetty's is 30 s). A store that is really down still fails at once: connect refused.
			.retryOnConnectionFailure(true)
			.connectionPool(new ConnectionPool(16, 20, TimeUnit.SECONDS))
			.build();
		this.client = client(properties.endpoint(), properties, http);
		this.asyncClient = MinioAsyncClient.builder()
			.endpoint(properties.endpoint())
			.credentials(properties.accessKey(), properties.secretKey())
			.region(properties.region())
			.httpClient(http)
			.build();
		this.presigner = client(properties.presignEndpoint(), properties, http);
		this.bucket = properties.bucket();
	}

	private static MinioClient client(String endpoint, StorageProperties properties, OkHttpClient http) {
		return MinioClient.builder()
			.endpoint(endpoint)
			.credentials(properties.accessKey(), properties.secretKey())
			.region(properties.region())
			.httpClient(http)
			.build();
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

	/** The bucket is made on first contact; after that, calls go straight to the object. */
	private void bucketOnce() {
		if (!bucketReady.get()) {
			ensureReady();
		}
	}

	// ------------------------------------------------------------------------------------------------ streamed

	/**
	 * Streams exactly {@code size} bytes (at most 5 GiB, S3's single PUT) from {@code in} to {@code key}, hashing them
	 * on the way; nothing is buffered beyond one copy buffer. S3 replaces an object atomically and stores nothing for
	 * a PUT whose body ends short, so a failed put leaves whatever was there before. Sent as one PUT over a plain
	 * connection to a URL presigned for this key, with an unsigned payload: the SDK's own put signs the payload over
	 * plain HTTP, which hashes every byte twice more (client and store), and moves 8 KiB per system call.
	 * @throws InvalidRequestException when the body ends before {@code size} bytes, goes on after them, or could not
	 * be read
	 */
	public StoredObject put(ObjectKey key, InputStream in, long size) {
		if (size < 0 || size > MAX_SINGLE_PUT) {
			throw new IllegalArgumentException("size must be known and at most 5 GiB, got " + size);
		}
		bucketOnce();
		var hashing = new HashingInputStream(in);
		var url = presign(client, Http.Method.PUT, key, Duration.ofHours(1), Map.of());
		HttpURLConnection connection = null;
		boolean sent = false;
		try {
			connection = open(url, "PUT");
			connection.setDoOutput(true);
			connection.setFixedLengthStreamingMode(size);
			connection.setRequestProperty("Content-Type", "application/octet-stream");
			if (size == 0) {
				// the request is complete, and stored, the moment its headers go out
				requireEnd(hashing, size);
			}
			var out = connection.getOutputStream();
			var buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(size, 1))];
			long left = size;
			while (left > 0) {
				int n = hashing.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
				if (n == 0) {
					throw new InvalidRequestException("the upload body ended after " + hashing.count + " of " + size
							+ " declared bytes; nothing was stored");
				}
				left -= n;
				if (left == 0) {
					// before the last bytes go out: once the store has them all, it keeps the object
					requireEnd(hashing, size);
				}
				out.write(buffer, 0, n);
			}
			out.close();
			int status = connection.getResponseCode();
			if (status != 200) {
				throw new IOException("HTTP " + status + ": " + errorBody(connection));
			}
			connection.getInputStream().close();
			sent = true;
			return new StoredObject(hashing.count, hashing.hex());
		}
		catch (IOException e) {
			if (hashing.sourceFailed != null) {
				throw new InvalidRequestException("the upload body could not be read to its end ("
						+ hashing.sourceFailed.getMessage() + "); nothing was stored");
			}
			throw new StorageUnavailableException("object storage is unavailable (could not store " + key + "): " + e,
					e);
		}
		finally {
			// A body that stopped short (or an answer not read) must not leave a half-sent PUT on a pooled connection.
			if (connection != null && !sent) {
				connection.disconnect();
			}
		}
	}

	private static void requireEnd(InputStream body, long size) throws IOException {
		if (body.read() >= 0) {
			throw new InvalidRequestException("the upload body had more than the " + size
					+ " declared bytes; nothing was stored");
		}
	}

	/**
	 * The object's bytes; the caller closes the stream. Read over a plain connection to a URL presigned for this key:
	 * the SDK's client reads 8 KiB at a time and arms a timeout watchdog around every read, which made the application
	 * spend three times the CPU of the store itself on each byte it passed on. Here a read takes whatever the socket
	 * holds, up to the caller's buffer.
	 */
	public InputStream get(ObjectKey key) {
		return read(key, null);
	}

	/**
	 * The bytes {@code first} to {@code last} (inclusive) of the object, for a client's Range request that the
	 * application serves itself; the store is asked for exactly that span, so nothing beyond it is read.
	 */
	public InputStream get(ObjectKey key, long first, long last) {
		if (first < 0 || last < first) {
			throw new IllegalArgumentException("a byte range runs from 0 <= first <= last, got " + first + "-" + last);
		}
		return read(key, "bytes=" + first + "-" + last);
	}

	private InputStream read(ObjectKey key, String range) {
		bucketOnce();
		var url = presign(client, Http.Method.GET, key, Duration.ofHours(1), Map.of());
		HttpURLConnection connection = null;
		try {
			connection = open(url, "GET");
			if (range != null) {
				connection.setRequestProperty("Range", range);
			}
			int status = connection.getResponseCode();
			if (status == 200 || (range != null && status == 206)) {
				return new ConnectionStream(connection, connection.getInputStream(), connection.getContentLengthLong());
			}
			var error = errorBody(connection);
			connection.disconnect();
			if (status == 404 && error.contains("NoSuchKey")) {
				throw new ObjectNotFoundException("object storage has no " + key + " (NoSuchKey)");
			}
			throw new StorageUnavailableException("object storage is unavailable (could not read " + key + "): HTTP "
					+ status + " " + error, null);
		}
		catch (IOException e) {
			if (connection != null) {
				connection.disconnect();
			}
			throw new StorageUnavailableException("object storage is unavailable (could not read " + key + "): " + e, e);
		}
	}

	private HttpURLConnection open(URI url, String method) throws IOException {
		var connection = (HttpURLConnection) url.toURL().openConnection();
		connection.setRequestMethod(method);
		connection.setConnectTimeout((int) properties.timeout().toMillis());
		connection.setReadTimeout((int) properties.timeout().toMillis());
		connection.setUseCaches(false);
		return connection;
	}

	private static String errorBody(HttpURLConnection connection) {
		try (var in = connection.getErrorStream()) {
			if (in == null) {
				return "";
			}
			var text = new String(in.readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8);
			return text.substring(0, Math.min(300, text.length()));
		}
		catch (IOException e) {
			return "";
		}
	}

	/** Reads the object back and hashes it: how a multipart upload's content is verified. */
	public StoredObject digest(ObjectKey key) {
		try (var in = new HashingInputStream(get(key))) {
			in.transferTo(OutputStream.nullOutputStream());
			return new StoredObject(in.count, in.hex());
		}
		catch (IOException e) {
			throw new StorageUnavailableException("object storage failed while reading " + key + ": " + e.getMessage(), e);
		}
	}

	public Optional<Long> size(ObjectKey key) {
		bucketOnce();
		try {
			return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key.value()).build())
				.size());
		}
		catch (Exception e) {
			var failure = failure("stat " + key, e);
			if (failure instanceof ObjectNotFoundException) {
				return Optional.empty();
			}
			throw failure;
		}
	}

	/** Deleting what is not there is fine (S3 answers success), so retries are safe. */
	public void delete(ObjectKey key) {
		bucketOnce();
		try {
			client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key.value()).build());
		}
		catch (Exception e) {
			throw failure("delete " + key, e);
		}
	}

	// ------------------------------------------------------------------------------------------------ presigned

	/** A URL that reads exactly this object with GET until it expires; signing needs no call to the store. */
	public URI presignGet(ObjectKey key, Duration expiry) {
		return presign(presigner, Http.Method.GET, key, expiry, Map.of());
	}

	/**
	 * Like {@link #presignGet(ObjectKey, Duration)}, but the store answers with these headers instead of the object's
	 * own (S3's {@code response-content-disposition} and {@code response-cache-control} overrides, covered by the
	 * signature, so the holder of the URL cannot change them): a download redirected to the store keeps the file name
	 * and caching rules the application would have sent. A null header is left as the store has it.
	 */
	public URI presignGet(ObjectKey key, Duration expiry, String contentDisposition, String cacheControl) {
		var overrides = new java.util.TreeMap<String, String>();
		if (contentDisposition != null) {
			overrides.put("response-content-disposition", contentDisposition);
		}
		if (cacheControl != null) {
			overrides.put("response-cache-control", cacheControl);
		}
		return presign(presigner, Http.Method.GET, key, expiry, overrides);
	}

	/** A URL that uploads exactly one part of one multipart upload of this object with PUT. */
	public URI presignPart(ObjectKey key, String uploadId, int partNumber, Duration expiry) {
		return presign(presigner, Http.Method.PUT, key, expiry,
				Map.of("uploadId", uploadId, "partNumber", Integer.toString(partNumber)));
	}

	private URI presign(MinioClient signer, Http.Method method, ObjectKey key, Duration expiry,
			Map<String, String> query) {
		if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(Duration.ofDays(7)) > 0) {
			throw new IllegalArgumentException("presigned URLs live between 1 s and 7 days, got " + expiry);
		}
		try {
			return URI.create(signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
				.method(method)
				.bucket(bucket)
				.object(key.value())
				.expiry((int) expiry.toSeconds(), TimeUnit.SECONDS)
				.extraQueryParams(query)
				.build()));
		}
		catch (Exception e) {
			throw failure("sign a URL for " + key, e);
		}
	}

	// ------------------------------------------------------------------------------------------------ multipart

	/** Starts a multipart upload; its parts are uploaded by the client through {@link #presignPart} URLs. */
	public String createMultipartUpload(ObjectKey key) {
		bucketOnce();
		return await("start a multipart upload of " + key, asyncClient.createMultipartUpload(
				CreateMultipartUploadArgs.builder().bucket(bucket).object(key.value()).build()))
			.result()
			.uploadId();
	}

	/** The parts the store holds for an upload, in part-number order. */
	public List<UploadedPart> listParts(ObjectKey key, String uploadId) {
		var parts = new ArrayList<UploadedPart>();
		Integer marker = null;
		while (true) {
			var builder = ListPartsArgs.builder().bucket(bucket).object(key.value()).uploadId(uploadId).maxParts(1000);
			if (marker != null) {
				builder.partNumberMarker(marker);
			}
			var result = await("list the parts of " + key, asyncClient.listParts(builder.build())).result();
			for (var part : result.parts()) {
				parts.add(new UploadedPart(part.partNumber(), part.etag(), part.partSize()));
			}
			if (!result.isTruncated() || result.nextPartNumberMarker() == null) {
				break;
			}
			marker = result.nextPartNumberMarker();
		}
		parts.sort(java.util.Comparator.comparingInt(UploadedPart::partNumber));
		return parts;
	}

	public void completeMultipartUpload(ObjectKey key, String uploadId, List<UploadedPart> parts) {
		var list = parts.stream().map(p -> new Part(p.partNumber(), p.etag())).toArray(Part[]::new);
		await("complete the multipart upload of " + key, asyncClient.completeMultipartUpload(
				CompleteMultipartUploadArgs.builder().bucket(bucket).object(key.value()).uploadId(uploadId).parts(list)
					.build()));
	}

	/** Aborting an upload the store no longer knows is fine, so retries are safe. */
	public void abortMultipartUpload(ObjectKey key, String uploadId) {
		try {
			await("abort the multipart upload of " + key, asyncClient.abortMultipartUpload(
					AbortMultipartUploadArgs.builder().bucket(bucket).object(key.value()).uploadId(uploadId).build()));
		}
		catch (ObjectNotFoundException gone) {
			// already aborted or completed
		}
	}

	private <T> T await(String what, java.util.concurrent.CompletableFuture<T> future) {
		try {
			return future.get(properties.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new StorageUnavailableException("interrupted while waiting to " + what, e);
		}
		catch (TimeoutException e) {
			future.cancel(true);
			throw new StorageUnavailableException("object storage did not answer in time to " + what, e);
		}
		catch (ExecutionException e) {
			throw failure(what, e.getCause() instanceof Exception cause ? cause : e);
		}
	}

	/** What a failed call means for the caller: a missing object, a bad request, or an unavailable store. */
	private RuntimeException failure(String what, Exception e) {
		Throwable t = e;
		while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
				&& t.getCause() != null) {
			t = t.getCause();
		}
		if (t instanceof ErrorResponseException error) {
			var code = error.errorResponse().code();
			switch (code) {
				case "NoSuchKey", "NoSuchUpload" -> {
					return new ObjectNotFoundException("object storage has no " + what.replaceFirst("^\\w+ ", "")
							+ " (" + code + ")");
				}
				case "InvalidPart", "InvalidPartOrder", "EntityTooSmall" -> {
					return new InvalidRequestException("object storage refused to " + what + ": " + code + " ("
							+ error.errorResponse().message() + ")");
				}
				default -> {
				}
			}
		}
		if (t instanceof StorageUnavailableException unavailable) {
			return unavailable;
		}
		return new StorageUnavailableException("object storage is unavailable (could not " + what + "): " + t, e);
	}

	/** Counts and hashes what passes through, and remembers whether the source itself failed. */
	private static final class HashingInputStream extends FilterInputStream {

		private final MessageDigest sha256;

		long count;

		IOException sourceFailed;

		HashingInputStream(InputStream in) {
			super(in);
			try {
				this.sha256 = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public int read() throws IOException {
			int b;
			try {
				b = in.read();
			}
			catch (IOException e) {
				sourceFailed = e;
				throw e;
			}
			if (b >= 0) {
				sha256.update((byte) b);
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n;
			try {
				n = in.read(buffer, offset, length);
			}
			catch (IOException e) {
				sourceFailed = e;
				throw e;
			}
			if (n > 0) {
				sha256.update(buffer, offset, n);
				count += n;
			}
			return n;
		}

		@Override
		public long skip(long n) {
			throw new UnsupportedOperationException("hashing streams are read, not skipped");
		}

		@Override
		public boolean markSupported() {
			return false;
		}

		String hex() {
			return HexFormat.of().formatHex(sha256.digest());
		}
	}

	/**
	 * An object's body. Read to its end, the connection goes back to the JDK's keep-alive pool; closed early (a client
	 * that went away mid-download), it is dropped rather than drained, so an abandoned 50 GB read costs nothing more.
	 */
	private static final class ConnectionStream extends FilterInputStream {

		private final HttpURLConnection connection;

		private long remaining;

		ConnectionStream(HttpURLConnection connection, InputStream in, long length) {
			super(in);
			this.connection = connection;
			this.remaining = length < 0 ? Long.MAX_VALUE : length;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				remaining -= n;
			}
			else if (n < 0) {
				remaining = 0;
			}
			return n;
		}

		@Override
		public void close() throws IOException {
			if (remaining > 0) {
				connection.disconnect();
			}
			else {
				in.close();
			}
		}
	}
}
