package io.runledger.bench;

import java.io.InputStream;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http.Method;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;

/**
 * Workloads 8 and 9, artifact throughput: one large file uploaded (streamed through the API: PUT .../file) and
 * downloaded (GET .../file) through the platform, against the same bytes sent straight to the object store by
 * presigned PUT and GET URLs (signed locally with the MinIO SDK). Both sides use the same HTTP client, so the ratio
 * is what the platform's hop costs, not a difference between client libraries. Direct and API iterations alternate
 * so that drift hits both alike. Figures are MB/s (10^6 bytes); the target is a ratio: the API reaches at least 80 % of direct.
 * The direct baseline uses a bucket of its own ({@code runledger-bench}, removed afterwards): the platform's bucket
 * is never shared. S3 is at 127.0.0.1:$RUNLEDGER_S3_PORT (19000) with the local S3Proxy's credentials unless
 * RUNLEDGER_S3_ACCESS_KEY / RUNLEDGER_S3_SECRET_KEY say otherwise.
 */
final class ArtifactThroughput {

	static final String BUCKET = "runledger-bench";

	private ArtifactThroughput() {
	}

	static Result upload(Ctx ctx) throws Exception {
		return measure(ctx, "artifact-upload", true);
	}

	static Result download(Ctx ctx) throws Exception {
		return measure(ctx, "artifact-download", false);
	}

	private static Result measure(Ctx ctx, String name, boolean upload) throws Exception {
		long size = (ctx.quick ? 64L : 256L) * 1024 * 1024;
		int iterations = ctx.quick ? 3 : 5;
		var s3 = s3();
		var project = ctx.scratchProject(name);
		var api = new double[iterations];
		var direct = new double[iterations];
		var result = new Result(name);
		result.unit = "MB/s";
		result.higherIsBetter = true;
		try (var rss = new RssSampler(ctx.appPid)) {
			ensureBucket(s3);
			var stored = upload ? null : publish(ctx, project, size);
			for (int i = 0; i < iterations; i++) {
				var key = "bench/" + ctx.stamp + "/" + name + "-" + i;
				var put = presign(s3, Method.PUT, key);
				long start = System.nanoTime();
				int status = ctx.member.putStreamTo(put, () -> new Generated(size), size);
				if (status != 200) {
					throw new BenchException("direct PUT to S3 answered HTTP " + status);
				}
				if (upload) {
					direct[i] = megabytesPerSecond(size, System.nanoTime() - start);
					api[i] = megabytesPerSecond(size, publish(ctx, project, size).uploadNanos());
				}
				else {
					var get = presign(s3, Method.GET, key);
					start = System.nanoTime();
					drained(ctx.member.drainFrom(get), size);
					direct[i] = megabytesPerSecond(size, System.nanoTime() - start);
					start = System.nanoTime();
					drained(ctx.member.drain(stored.downloadPath()), size);
					api[i] = megabytesPerSecond(size, System.nanoTime() - start);
				}
				s3.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
				NativeIngest.log("%s %d/%d: API %.0f MB/s, direct %.0f MB/s", name, i + 1, iterations, api[i], direct[i]);
			}
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		finally {
			try {
				s3.removeBucket(RemoveBucketArgs.builder().bucket(BUCKET).build());
			}
			catch (Exception e) {
				NativeIngest.log("%s: could not remove bucket %s: %s", name, BUCKET, e.getMessage());
			}
		}
		result.figures(api);
		var baseline = new Result("direct");
		baseline.figures(direct);
		result.baseline("direct to S3 (presigned URLs)", baseline.median);
		result.targetRatio = 0.8;
		result.target = 0.0;
		result.judge();
		result.note = String.format(java.util.Locale.ROOT, "%d MiB file, %d iterations; target: ≥ 80 %% of direct",
				size >> 20, iterations);
		result.details.put("fileBytes", size);
		result.details.put("directMBps", direct);
		result.details.put("apiMBps", api);
		return result;
	}

	private record Published(String downloadPath, long uploadNanos) {
	}

	/** A new committed version holding one generated file of this size, uploaded through the API (that PUT timed). */
	private static Published publish(Ctx ctx, String project, long size) {
		var draft = ctx.member.postOk("/api/v1/projects/" + project + "/artifacts",
				"{\"name\": \"throughput\", \"type\": \"bench\"}");
		var path = "/api/v1/artifacts/" + draft.get("artifactId").asText() + "/versions/" + draft.get("version").asInt();
		long start = System.nanoTime();
		var answer = ctx.member.putStream(path + "/file?path=data.bin", () -> new Generated(size), size);
		long nanos = System.nanoTime() - start;
		if (answer.status() != 201) {
			throw new BenchException("upload answered HTTP " + answer.status() + ": " + answer.text());
		}
		ctx.member.postOk(path + "/commit", "{}");
		return new Published(path + "/file?path=data.bin", nanos);
	}

	private static URI presign(MinioClient s3, Method method, String key) throws Exception {
		return URI.create(s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method).bucket(BUCKET)
			.object(key).expiry(1, TimeUnit.HOURS).build()));
	}

	private static MinioClient s3() {
		var port = System.getenv().getOrDefault("RUNLEDGER_S3_PORT", "19000");
		return MinioClient.builder()
			.endpoint("http://127.0.0.1:" + port)
			.credentials(System.getenv().getOrDefault("RUNLEDGER_S3_ACCESS_KEY", "runledger"),
					System.getenv().getOrDefault("RUNLEDGER_S3_SECRET_KEY", "runledger-dev-secret"))
			.region("us-east-1")
			.build();
	}

	private static void ensureBucket(MinioClient s3) throws Exception {
		if (!s3.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
			s3.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
		}
	}

	private static void drained(long bytes, long expected) {
		if (bytes != expected) {
			throw new BenchException("read " + bytes + " bytes, expected " + expected);
		}
	}

	private static double megabytesPerSecond(long bytes, long nanos) {
		return bytes / 1e6 / (nanos / 1e9);
	}

	/** {@code size} bytes cycling through 1 MiB of random data: cheap to produce, so the transfer is measured. */
	static final class Generated extends InputStream {

		private static final byte[] BLOCK = new byte[1024 * 1024];

		static {
			new Random(8).nextBytes(BLOCK);
		}

		private final long size;

		private long position;

		Generated(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			return position < size ? BLOCK[(int) (position++ % BLOCK.length)] & 0xff : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (position >= size) {
				return -1;
			}
			int within = (int) (position % BLOCK.length);
			int n = (int) Math.min(Math.min(length, BLOCK.length - within), size - position);
			System.arraycopy(BLOCK, within, buffer, offset, n);
			position += n;
			return n;
		}
	}
}
