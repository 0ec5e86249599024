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
 * downloaded (GET .../file, the path a default client takes: the app answers 307 to a presigned URL for files over its
 * redirect threshold, and the client follows it without our credentials) through the platform, against the same bytes
 * sent straight to the object store by presigned PUT and GET URLs (signed locally with the MinIO SDK). The download also
 * keeps the figure of the bytes streamed through the app ({@code ?proxy=true}) for comparison. Both sides use the same client, a plain connection
 * moving 256 KiB per call as curl does (see {@link Http}), so the ratio is what the platform's hop costs. One untimed
 * round of each path warms the app up first; then every iteration measures both sides, alternating which goes first.
 * Figures are MB/s (10^6 bytes); the target is a ratio: the API reaches at least 80 % of direct. The note gives the
 * CPU seconds per GB moved of the app, the store (with the rest of the machine) and this client on each path: on a
 * machine where all three share the cores, the proxy's own CPU per byte is what decides the ratio.
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
		var proxied = new double[iterations];
		var cpu = new CpuMeter(ctx.appPid);
		var apiCpu = new CpuPerGigabyte();
		var directCpu = new CpuPerGigabyte();
		var proxiedCpu = new CpuPerGigabyte();
		var result = new Result(name);
		result.unit = "MB/s";
		result.higherIsBetter = true;
		// Both sides' objects stay until the end: a file deleted at once is never written back to disk, and the side
		// whose files stay would pay for the other's write-back as well as its own.
		var directKeys = new java.util.ArrayList<String>();
		try (var rss = new RssSampler(ctx.appPid)) {
			ensureBucket(s3);
			var stored = publish(ctx, project, size);
			warmUp(ctx, s3, stored, size);
			for (int i = 0; i < iterations; i++) {
				var key = "bench/" + ctx.stamp + "/" + name + "-" + i;
				if (!upload) {
					// the object the direct GET reads; its upload is not measured here
					storeDirect(ctx, s3, key, size);
				}
				// Who goes first rotates: a transfer right after another runs into the store's page cache still
				// writing the previous one back, and that must not always be the same side.
				var sides = upload ? new Side[] { Side.DIRECT, Side.API } : new Side[] { Side.DIRECT, Side.API, Side.PROXIED };
				for (int s = 0; s < sides.length; s++) {
					var side = sides[(s + i) % sides.length];
					var before = cpu.snapshot();
					long start = System.nanoTime();
					switch (side) {
						case API -> {
							if (upload) {
								api[i] = megabytesPerSecond(size, publish(ctx, project, size).uploadNanos());
							}
							else {
								drained(ctx.member.drainFollowing(stored.downloadPath()), size);
								api[i] = megabytesPerSecond(size, System.nanoTime() - start);
							}
							apiCpu.add(before, cpu.snapshot(), size);
						}
						case PROXIED -> {
							drained(ctx.member.drain(stored.downloadPath() + "&proxy=true"), size);
							proxied[i] = megabytesPerSecond(size, System.nanoTime() - start);
							proxiedCpu.add(before, cpu.snapshot(), size);
						}
						case DIRECT -> {
							if (upload) {
								storeDirect(ctx, s3, key, size);
							}
							else {
								drained(ctx.member.drainFrom(presign(s3, Method.GET, key)), size);
							}
							direct[i] = megabytesPerSecond(size, System.nanoTime() - start);
							directCpu.add(before, cpu.snapshot(), size);
						}
					}
				}
				directKeys.add(key);
				if (upload) {
					NativeIngest.log("%s %d/%d: API %.0f MB/s, direct %.0f MB/s", name, i + 1, iterations, api[i],
							direct[i]);
				}
				else {
					NativeIngest.log("%s %d/%d: API (redirected) %.0f MB/s, proxied %.0f MB/s, direct %.0f MB/s", name,
							i + 1, iterations, api[i], proxied[i], direct[i]);
				}
			}
			result.peakRssMiB = Samples.round(rss.peakMiB());
		}
		finally {
			try {
				for (var key : directKeys) {
					s3.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
				}
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
		result.note = String.format(java.util.Locale.ROOT,
				"%d MiB file, %d iterations; target: ≥ 80 %% of direct; CPU s per GB, API: %s; direct: %s",
				size >> 20, iterations, apiCpu, directCpu);
		if (!upload) {
			var proxiedMedian = new Result("proxied");
			proxiedMedian.figures(proxied);
			result.note += String.format(java.util.Locale.ROOT,
					"; API = the default client's path (307 to a presigned URL, followed); streamed through the app "
							+ "(proxy=true): %.0f MB/s, %.2f of direct, CPU s per GB %s",
					proxiedMedian.median, proxiedMedian.median / baseline.median, proxiedCpu);
			result.details.put("proxiedMBps", proxied);
			result.details.put("proxiedCpuSecondsPerGB", proxiedCpu.map());
		}
		result.details.put("fileBytes", size);
		result.details.put("directMBps", direct);
		result.details.put("apiMBps", api);
		result.details.put("apiCpuSecondsPerGB", apiCpu.map());
		result.details.put("directCpuSecondsPerGB", directCpu.map());
		return result;
	}

	/**
	 * One untimed round of every path before the measured ones: the first transfers of a fresh app run interpreted
	 * code (half the speed), and only the API side would pay for that.
	 */
	private static void warmUp(Ctx ctx, MinioClient s3, Published stored, long size) throws Exception {
		var key = "bench/" + ctx.stamp + "/warm-up";
		storeDirect(ctx, s3, key, size);
		drained(ctx.member.drainFrom(presign(s3, Method.GET, key)), size);
		drained(ctx.member.drainFollowing(stored.downloadPath()), size);
		drained(ctx.member.drain(stored.downloadPath() + "&proxy=true"), size);
		s3.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
		// Earlier workloads' dirty pages are flushed now, not by the kernel in the middle of a measured transfer.
		new ProcessBuilder("sync").inheritIO().start().waitFor();
	}

	/**
	 * CPU seconds per 10^9 bytes moved, summed over iterations, by consumer: the app, this client, and the rest of the
	 * machine, which during a transfer is the object store (S3Proxy) and PostgreSQL's small share.
	 */
	private static final class CpuPerGigabyte {

		private double app, client, rest, gigabytes;

		void add(CpuMeter.Snapshot a, CpuMeter.Snapshot b, long bytes) {
			var m = CpuMeter.between(a, b);
			app += (double) m.get("appCpuSeconds");
			client += (double) m.get("clientCpuSeconds");
			rest += (double) m.get("otherCpuSeconds") + (double) m.get("postgresCpuSeconds");
			gigabytes += bytes / 1e9;
		}

		java.util.Map<String, Double> map() {
			return java.util.Map.of("app", Samples.round(app / gigabytes), "client", Samples.round(client / gigabytes),
					"storeAndOther", Samples.round(rest / gigabytes));
		}

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "app %.2f, store+other %.2f, client %.2f", app / gigabytes,
					rest / gigabytes, client / gigabytes);
		}
	}

	/** The ways the same bytes travel: straight to the store, the API's default answer, and through the app. */
	private enum Side {
		DIRECT, API, PROXIED
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

	/** A direct PUT of {@code size} generated bytes by presigned URL. */
	private static void storeDirect(Ctx ctx, MinioClient s3, String key, long size) throws Exception {
		int status = ctx.member.putStreamTo(presign(s3, Method.PUT, key), () -> new Generated(size), size);
		if (status != 200) {
			throw new BenchException("direct PUT to S3 answered HTTP " + status);
		}
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
