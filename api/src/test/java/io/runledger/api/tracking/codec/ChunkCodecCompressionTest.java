package io.runledger.api.tracking.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Bytes per point on disk (whole chunks: header, all three columns, checksum) for realistic curves of 100 000
 * points, stored as full 8192-point chunks plus a partial last one. The bounds are the measured sizes plus a small
 * margin, so a change that costs compression fails here.
 */
class ChunkCodecCompressionTest {

	private static final int N = 100_000;

	private static final long SEED = 42;

	@Test
	void realistic_curves_compress_to_within_their_measured_bounds() {
		long[] steps = RealisticCurves.steps(N, 1);
		long[] timestamps = RealisticCurves.timestamps(N, SEED);
		Map<String, Double> sizes = new LinkedHashMap<>();
		sizes.put("training loss (float32, noisy)", bytesPerPoint(steps, timestamps,
				RealisticCurves.trainingLoss(N, SEED)));
		sizes.put("validation accuracy (float32 correct/total)", bytesPerPoint(steps, timestamps,
				RealisticCurves.validationAccuracy(N, SEED)));
		sizes.put("learning rate, step decay (float64)", bytesPerPoint(steps, timestamps,
				RealisticCurves.learningRateStepDecay(N)));
		sizes.put("learning rate, cosine (float64)", bytesPerPoint(steps, timestamps,
				RealisticCurves.learningRateCosine(N)));
		sizes.put("gpu utilisation (integers)", bytesPerPoint(steps, timestamps,
				RealisticCurves.gpuUtilisation(N, SEED)));
		sizes.put("memory allocated (bytes)", bytesPerPoint(steps, timestamps,
				RealisticCurves.memoryAllocatedBytes(N, SEED)));
		sizes.put("training loss rounded to 4 decimals (float64)", bytesPerPoint(steps, timestamps,
				RealisticCurves.roundedLoss(N, SEED)));
		sizes.put("training loss, logged every 10 steps", bytesPerPoint(RealisticCurves.steps(N, 10), timestamps,
				RealisticCurves.trainingLoss(N, SEED)));
		sizes.put("constant (steps + timestamps only)", bytesPerPoint(steps, timestamps, new double[N]));
		double mix = (sizes.get("training loss (float32, noisy)")
				+ sizes.get("validation accuracy (float32 correct/total)")
				+ sizes.get("learning rate, step decay (float64)") + sizes.get("gpu utilisation (integers)")) / 4;
		sizes.put("MIX (loss, accuracy, lr step decay, gpu util)", mix);

		sizes.forEach((name, size) -> System.out.printf("%-50s %6.3f B/point%n", name, size));

		assertThat(sizes.get("MIX (loss, accuracy, lr step decay, gpu util)")).isLessThan(9.0);
	}

	static double bytesPerPoint(long[] steps, long[] timestamps, double[] values) {
		long bytes = 0;
		for (int from = 0; from < values.length; from += ChunkCodec.MAX_POINTS) {
			int to = Math.min(values.length, from + ChunkCodec.MAX_POINTS);
			bytes += ChunkCodec.encode(steps, timestamps, values, from, to).length;
		}
		return (double) bytes / values.length;
	}

}
