package io.runledger.api.tracking.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A smoke measurement, not a benchmark: prints encode/decode throughput on the realistic mix after a JIT warm-up.
 * The assertion is deliberately lax so shared CI machines never flake; real targets belong in a JMH benchmark.
 */
class ChunkCodecThroughputTest {

	private static final int POINTS_PER_CURVE = 16 * ChunkCodec.MAX_POINTS;

	@Test
	void encodes_and_decodes_the_realistic_mix_at_more_than_a_million_points_per_second() {
		long[] steps = RealisticCurves.steps(POINTS_PER_CURVE, 1);
		long[] timestamps = RealisticCurves.timestamps(POINTS_PER_CURVE, 3);
		List<double[]> curves = List.of(RealisticCurves.trainingLoss(POINTS_PER_CURVE, 3),
				RealisticCurves.validationAccuracy(POINTS_PER_CURVE, 3),
				RealisticCurves.learningRateStepDecay(POINTS_PER_CURVE),
				RealisticCurves.gpuUtilisation(POINTS_PER_CURVE, 3));
		long points = (long) curves.size() * POINTS_PER_CURVE;

		List<byte[]> chunks = encodeAll(steps, timestamps, curves);
		long[] outSteps = new long[ChunkCodec.MAX_POINTS];
		long[] outTimestamps = new long[ChunkCodec.MAX_POINTS];
		double[] outValues = new double[ChunkCodec.MAX_POINTS];
		for (int warmup = 0; warmup < 15; warmup++) {
			encodeAll(steps, timestamps, curves);
			decodeAll(chunks, outSteps, outTimestamps, outValues);
		}

		long encodeNanos = Long.MAX_VALUE;
		long decodeNanos = Long.MAX_VALUE;
		long checksum = 0;
		for (int iteration = 0; iteration < 10; iteration++) {
			long start = System.nanoTime();
			checksum += encodeAll(steps, timestamps, curves).size();
			encodeNanos = Math.min(encodeNanos, System.nanoTime() - start);
			start = System.nanoTime();
			checksum += decodeAll(chunks, outSteps, outTimestamps, outValues);
			decodeNanos = Math.min(decodeNanos, System.nanoTime() - start);
		}

		double encodeRate = points * 1e3 / encodeNanos;
		double decodeRate = points * 1e3 / decodeNanos;
		System.out.printf("encode %.1f M points/s, decode %.1f M points/s (%.1f µs per 8192-point chunk), "
				+ "best of 10 over %d points (checksum %d)%n", encodeRate, decodeRate,
				decodeNanos / 1e3 / chunks.size(), points, checksum);
		assertThat(encodeRate).isGreaterThan(1.0);
		assertThat(decodeRate).isGreaterThan(1.0);
	}

	private static List<byte[]> encodeAll(long[] steps, long[] timestamps, List<double[]> curves) {
		List<byte[]> chunks = new ArrayList<>();
		for (double[] values : curves) {
			for (int from = 0; from < values.length; from += ChunkCodec.MAX_POINTS) {
				chunks.add(ChunkCodec.encode(steps, timestamps, values, from, from + ChunkCodec.MAX_POINTS));
			}
		}
		return chunks;
	}

	private static long decodeAll(List<byte[]> chunks, long[] steps, long[] timestamps, double[] values) {
		long sum = 0;
		for (byte[] chunk : chunks) {
			int n = ChunkCodec.decodeInto(chunk, steps, timestamps, values, 0);
			sum += steps[n - 1] + timestamps[n / 2] + (long) values[0];
		}
		return sum;
	}

}
