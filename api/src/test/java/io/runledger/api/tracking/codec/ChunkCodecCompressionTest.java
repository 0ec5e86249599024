package io.runledger.api.tracking.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Bytes per point on disk (whole chunks: header, all three columns, checksum) for realistic series of 100 000
 * points, stored as full 8192-point chunks plus a partial last one. The generators are seeded and use StrictMath,
 * so the sizes are deterministic; each bound is the measured size plus ~5 %, so a change that costs compression
 * fails here.
 *
 * <p>
 * Where the bytes go: the jittered timestamps (±4 ms) cost ~4.2 bits per point whatever the metric (log2 9 = 3.2
 * bits is the floor for that jitter); noisy float32 loss costs ~22 bits per value against a noise entropy of
 * ~21.2 bits, so it cannot get near 2 B/point on its own; the mix gets under 2 because learning rates and
 * utilisation are nearly free.
 */
class ChunkCodecCompressionTest {

	private static final int N = 100_000;

	private static final long SEED = 42;

	private final long[] steps = RealisticCurves.steps(N, 1);

	private final long[] timestamps = RealisticCurves.timestamps(N, SEED);

	private final SoftAssertions softly = new SoftAssertions();

	@Test
	void realistic_curves_compress_to_within_their_measured_bounds() {
		System.out.printf("%-46s %8s %12s%n", "series (100 000 points)", "B/point", "value bits");
		double loss = measure("training loss (float32, noisy)", RealisticCurves.trainingLoss(N, SEED), 3.40);
		double accuracy = measure("validation accuracy (float32 correct/total)",
				RealisticCurves.validationAccuracy(N, SEED), 1.57);
		double stepDecay = measure("learning rate, step decay (float64)", RealisticCurves.learningRateStepDecay(N),
				0.55);
		measure("learning rate, cosine (float64)", RealisticCurves.learningRateCosine(N), 1.28);
		double gpu = measure("gpu utilisation (integers 0-100)", RealisticCurves.gpuUtilisation(N, SEED), 1.01);
		measure("memory allocated (bytes, multiples of 512)", RealisticCurves.memoryAllocatedBytes(N, SEED), 2.80);
		measure("training loss rounded to 4 decimals (float64)", RealisticCurves.roundedLoss(N, SEED), 1.90);
		measure("constant value", new double[N], 0.55);
		double everyTenth = bytesPerPoint(RealisticCurves.steps(N, 10), this.timestamps,
				RealisticCurves.trainingLoss(N, SEED));
		print("training loss, logged every 10 steps", everyTenth, Double.NaN);
		this.softly.assertThat(everyTenth).as("every 10 steps").isLessThanOrEqualTo(3.40);
		double regular = bytesPerPoint(this.steps, RealisticCurves.steps(N, 200), new double[N]);
		print("constant value, timestamps without jitter", regular, Double.NaN);
		this.softly.assertThat(regular).as("no jitter").isLessThanOrEqualTo(0.01);

		double mix = (loss + accuracy + stepDecay + gpu) / 4;
		print("MIX (loss, accuracy, lr step decay, gpu util)", mix, Double.NaN);
		this.softly.assertThat(mix).as("mix").isLessThanOrEqualTo(1.65);
		this.softly.assertAll();
	}

	@Test
	void a_float32_curve_costs_no_more_than_its_float32_bits() {
		double[] loss = RealisticCurves.trainingLoss(N, SEED);
		double[] zeros = new double[N];
		double valueBits = 8 * (bytesPerPoint(this.steps, this.timestamps, loss)
				- bytesPerPoint(this.steps, this.timestamps, zeros));
		assertThat(valueBits).isLessThan(24);
	}

	private double measure(String name, double[] values, double bound) {
		double size = bytesPerPoint(this.steps, this.timestamps, values);
		double valueBits = 8 * (size - bytesPerPoint(this.steps, this.timestamps, new double[N]));
		print(name, size, valueBits);
		this.softly.assertThat(size).as(name).isLessThanOrEqualTo(bound);
		return size;
	}

	private static void print(String name, double bytesPerPoint, double valueBits) {
		System.out.printf("%-46s %8.3f %12s%n", name, bytesPerPoint,
				Double.isNaN(valueBits) ? "" : String.format("%.2f", valueBits));
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
