package io.runledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;

/**
 * The object store's byte paths against the real local S3Proxy (started by {@code make test}): streamed puts that
 * must store all declared bytes or nothing, and reads that may be abandoned halfway without spoiling the next one.
 */
class ObjectStoreTests {

	static final String PORT = System.getenv().getOrDefault("RUNLEDGER_S3_PORT", "19000");

	final ObjectStore store = new ObjectStore(new StorageProperties("http://127.0.0.1:" + PORT, null, null,
			"runledger-storage-tests", null, Duration.ofSeconds(5), null));

	final byte[] bytes = new byte[3 * 1024 * 1024 + 17];

	ObjectStoreTests() {
		new Random(3).nextBytes(bytes);
	}

	static ObjectKey key() {
		return ObjectKey.artifactFile(new OrgId(UUID.randomUUID()), UUID.randomUUID(), 1,
				ObjectPath.of("dir/" + UUID.randomUUID() + ".bin"));
	}

	@Test
	void a_streamed_put_stores_every_byte_and_answers_its_size_and_sha256() throws Exception {
		var key = key();

		var stored = store.put(key, new ByteArrayInputStream(bytes), bytes.length);

		assertThat(stored.size()).isEqualTo(bytes.length);
		assertThat(stored.sha256()).isEqualTo(sha256(bytes));
		try (var in = store.get(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
		assertThat(store.digest(key)).isEqualTo(stored);
	}

	@Test
	void a_body_that_ends_before_its_declared_size_stores_nothing_and_keeps_the_previous_bytes() throws Exception {
		var key = key();
		store.put(key, new ByteArrayInputStream("before".getBytes()), 6);

		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(bytes), bytes.length + 1))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("ended after " + bytes.length + " of " + (bytes.length + 1));

		try (var in = store.get(key)) {
			assertThat(new String(in.readAllBytes())).isEqualTo("before");
		}
	}

	@Test
	void a_body_longer_than_declared_stores_nothing() {
		var key = key();

		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(bytes), bytes.length - 1))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("more than the " + (bytes.length - 1) + " declared bytes");
		assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[1]), 0))
			.isInstanceOf(InvalidRequestException.class);

		assertThat(store.size(key)).isEmpty();
	}

	@Test
	void a_body_that_fails_midway_is_the_clients_fault_and_stores_nothing() {
		var key = key();
		var failing = new InputStream() {
			int served;

			@Override
			public int read() throws IOException {
				if (served++ > 1000) {
					throw new IOException("client went away");
				}
				return 1;
			}
		};

		assertThatThrownBy(() -> store.put(key, failing, 10_000))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("client went away");
		assertThat(store.size(key)).isEmpty();
	}

	@Test
	void a_read_abandoned_halfway_does_not_spoil_the_reads_after_it() throws Exception {
		var key = key();
		store.put(key, new ByteArrayInputStream(bytes), bytes.length);

		for (int i = 0; i < 5; i++) {
			try (var in = store.get(key)) {
				assertThat(in.readNBytes(1000)).hasSize(1000);
			}
		}

		try (var in = store.get(key)) {
			assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(bytes));
		}
	}

	@Test
	void a_ranged_read_answers_exactly_the_requested_bytes() throws Exception {
		var key = key();
		store.put(key, new ByteArrayInputStream(bytes), bytes.length);

		try (var in = store.get(key, 1_000_000, 1_000_099)) {
			assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1_000_000, 1_000_100));
		}
		try (var in = store.get(key, bytes.length - 5, bytes.length - 1)) {
			assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length));
		}
		assertThatThrownBy(() -> store.get(key, 10, 9)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void a_presigned_get_answers_the_content_disposition_and_cache_control_it_was_signed_with() throws Exception {
		var key = key();
		store.put(key, new ByteArrayInputStream(bytes), bytes.length);
		var disposition = "attachment; filename=\"model weights.bin\"; filename*=UTF-8''model%20weights.bin";

		var url = store.presignGet(key, Duration.ofMinutes(1), disposition, "no-store");
		var response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(url).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(bytes);
		assertThat(response.headers().firstValue("Content-Disposition")).contains(disposition);
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		assertThat(url.getRawQuery()).contains("X-Amz-Expires=60");
	}

	@Test
	void a_missing_object_is_not_found_rather_than_an_outage() {
		assertThatThrownBy(() -> store.get(key())).isInstanceOf(ObjectNotFoundException.class)
			.hasMessageContaining("NoSuchKey");
	}

	@Test
	void an_unreachable_store_is_unavailable_at_once() {
		var down = new ObjectStore(new StorageProperties("http://127.0.0.1:1", null, null, "runledger-storage-tests",
				null, Duration.ofSeconds(5), null));
		long start = System.nanoTime();

		assertThatThrownBy(() -> down.put(key(), new ByteArrayInputStream(bytes), bytes.length))
			.isInstanceOf(StorageUnavailableException.class);
		assertThatThrownBy(() -> down.get(key())).isInstanceOf(StorageUnavailableException.class);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	static String sha256(byte[] data) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
	}
}
