package io.runledger.api.tracking.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCodecTest {

	private static final double[] SPECIALS = { Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0001L),
			Double.longBitsToDouble(0xFFF8_0000_DEAD_BEEFL), Double.longBitsToDouble(0x7FF4_0000_0000_0000L),
			Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
			Double.MIN_NORMAL, Double.longBitsToDouble(0x000F_FFFF_FFFF_FFFFL), Double.MAX_VALUE, -Double.MAX_VALUE,
			1.0, -1.0, 0.1, (float) 0.1, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1e-300, 1e300,
			9007199254740993.0, 9007199254740992.0, -9007199254740992.0, Long.MAX_VALUE, Long.MIN_VALUE };

	private static final long[] SPECIAL_LONGS = { Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
			Long.MAX_VALUE - 1, 0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 62, -(1L << 62) };

	@Test
	void round_trips_nan_and_infinities_bit_exactly() {
		double[] values = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
				Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.longBitsToDouble(0xFFF8_0000_DEAD_BEEFL) };
		assertRoundTrip(steps(values.length), steps(values.length), values);
	}

	@Test
	void round_trips_every_special_value_alone_and_mixed_with_a_float32_curve() {
		for (double special : SPECIALS) {
			assertRoundTrip(new long[] { 0 }, new long[] { 0 }, new double[] { special });
			double[] curve = RealisticCurves.trainingLoss(1000, 1);
			curve[500] = special;
			assertRoundTrip(steps(1000), RealisticCurves.timestamps(1000, 1), curve);
			double[] integers = RealisticCurves.gpuUtilisation(1000, 1);
			integers[0] = special;
			integers[999] = special;
			assertRoundTrip(steps(1000), RealisticCurves.timestamps(1000, 1), integers);
			double[] constant = new double[300];
			Arrays.fill(constant, special);
			assertRoundTrip(steps(300), steps(300), constant);
		}
		assertRoundTrip(steps(SPECIALS.length), steps(SPECIALS.length), SPECIALS.clone());
	}

	@Test
	void round_trips_negative_zero_next_to_positive_zero() {
		double[] values = { 0.0, -0.0, 0.0, -0.0, -0.0, 0.0 };
		assertRoundTrip(steps(6), steps(6), values);
	}

	@Test
	void round_trips_extreme_and_non_monotonic_steps_and_timestamps() {
		int n = SPECIAL_LONGS.length * SPECIAL_LONGS.length;
		long[] steps = new long[n];
		long[] timestamps = new long[n];
		for (int i = 0; i < n; i++) {
			steps[i] = SPECIAL_LONGS[i % SPECIAL_LONGS.length];
			timestamps[i] = SPECIAL_LONGS[i / SPECIAL_LONGS.length];
		}
		assertRoundTrip(steps, timestamps, RealisticCurves.trainingLoss(n, 3));
	}

	@Test
	void round_trips_random_fuzz_with_special_values_and_random_longs() {
		SplittableRandom random = new SplittableRandom(20240601);
		for (int round = 0; round < 300; round++) {
			int n = round % 10 == 0 ? random.nextInt(1, 9) : random.nextInt(1, ChunkCodec.MAX_POINTS + 1);
			long[] steps = fuzzLongs(random, n);
			long[] timestamps = fuzzLongs(random, n);
			double[] values = fuzzDoubles(random, n);
			assertRoundTrip(steps, timestamps, values);
		}
	}

	@Test
	void round_trips_a_single_point() {
		assertRoundTrip(new long[] { 42 }, new long[] { RealisticCurves.EPOCH_MS }, new double[] { 0.125 });
		assertRoundTrip(new long[] { Long.MIN_VALUE }, new long[] { Long.MAX_VALUE }, new double[] { -0.0 });
	}

	@Test
	void round_trips_max_points_of_every_realistic_curve() {
		int n = ChunkCodec.MAX_POINTS;
		long[] timestamps = RealisticCurves.timestamps(n, 7);
		for (double[] values : new double[][] { RealisticCurves.trainingLoss(n, 7),
				RealisticCurves.validationAccuracy(n, 7), RealisticCurves.learningRateStepDecay(n),
				RealisticCurves.learningRateCosine(n), RealisticCurves.gpuUtilisation(n, 7),
				RealisticCurves.memoryAllocatedBytes(n, 7), RealisticCurves.roundedLoss(n, 7) }) {
			assertRoundTrip(RealisticCurves.steps(n, 1), timestamps, values);
			assertRoundTrip(RealisticCurves.steps(n, 10), timestamps, values);
		}
	}

	@Test
	void round_trips_all_equal_values_in_a_few_bytes() {
		int n = ChunkCodec.MAX_POINTS;
		double[] values = new double[n];
		Arrays.fill(values, 3e-4);
		byte[] chunk = assertRoundTrip(steps(n), steps(n), values);
		assertThat(chunk.length).isLessThan(40);
	}

	@Test
	void round_trips_alternating_huge_and_tiny_values() {
		int n = 5000;
		double[] values = new double[n];
		long[] steps = new long[n];
		for (int i = 0; i < n; i++) {
			values[i] = i % 2 == 0 ? Double.MAX_VALUE / (i + 1) : Double.MIN_VALUE * i;
			steps[i] = i % 2 == 0 ? Long.MAX_VALUE - i : Long.MIN_VALUE + i;
		}
		assertRoundTrip(steps, steps(n), values);
	}

	@Test
	void preserves_order_of_out_of_order_and_duplicated_steps() {
		long[] steps = { 5, 3, 3, 9, 0, 0, 0, -7, 5, 100, 2 };
		long[] timestamps = { 10, 10, 9, 30, 1, 1, 1, 0, 10, 5, 5 };
		double[] values = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
		assertRoundTrip(steps, timestamps, values);
	}

	@Test
	void encodes_only_the_from_to_sub_range() {
		int n = 10_000;
		long[] steps = RealisticCurves.steps(n, 1);
		long[] timestamps = RealisticCurves.timestamps(n, 11);
		double[] values = RealisticCurves.validationAccuracy(n, 11);

		Points points = ChunkCodec.decode(ChunkCodec.encode(steps, timestamps, values, 1808, 1808 + 8192));

		assertThat(points.steps()).containsExactly(Arrays.copyOfRange(steps, 1808, 10_000));
		assertThat(points.timestamps()).containsExactly(Arrays.copyOfRange(timestamps, 1808, 10_000));
		assertThat(rawBits(points.values())).containsExactly(rawBits(Arrays.copyOfRange(values, 1808, 10_000)));
		assertThat(ChunkCodec.decode(ChunkCodec.encode(steps, timestamps, values, 9999, 10_000)).steps())
			.containsExactly(9999);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void rejects_an_empty_or_inverted_range(int length) {
		long[] longs = new long[10];
		assertThatThrownBy(() -> ChunkCodec.encode(longs, longs, new double[10], 5, 5 + length))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("1..8192");
	}

	@Test
	void rejects_more_than_max_points_and_ranges_outside_the_arrays() {
		long[] longs = new long[ChunkCodec.MAX_POINTS + 1];
		double[] doubles = new double[ChunkCodec.MAX_POINTS + 1];
		assertThatThrownBy(() -> ChunkCodec.encode(longs, longs, doubles, 0, ChunkCodec.MAX_POINTS + 1))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ChunkCodec.encode(longs, longs, new double[5], 0, 6))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("exceeds");
		assertThatThrownBy(() -> ChunkCodec.encode(longs, longs, doubles, -1, 3))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void point_count_matches_the_encoded_range() {
		for (int n : new int[] { 1, 2, 127, 128, 129, 1000, ChunkCodec.MAX_POINTS }) {
			byte[] chunk = ChunkCodec.encode(steps(n), steps(n), RealisticCurves.trainingLoss(n, n), 0, n);
			assertThat(ChunkCodec.pointCount(chunk)).isEqualTo(n);
		}
	}

	@Test
	void decodes_into_arrays_at_a_non_zero_offset_leaving_the_rest_untouched() {
		int n = 3000;
		long[] timestamps = RealisticCurves.timestamps(n, 5);
		double[] values = RealisticCurves.gpuUtilisation(n, 5);
		byte[] chunk = ChunkCodec.encode(steps(n), timestamps, values, 0, n);
		long[] outSteps = new long[n + 200];
		long[] outTimestamps = new long[n + 200];
		double[] outValues = new double[n + 200];
		Arrays.fill(outSteps, -5);
		Arrays.fill(outTimestamps, -5);
		Arrays.fill(outValues, -5);

		int count = ChunkCodec.decodeInto(chunk, outSteps, outTimestamps, outValues, 150);

		assertThat(count).isEqualTo(n);
		assertThat(Arrays.copyOfRange(outSteps, 150, 150 + n)).containsExactly(steps(n));
		assertThat(Arrays.copyOfRange(outTimestamps, 150, 150 + n)).containsExactly(timestamps);
		assertThat(Arrays.copyOfRange(outValues, 150, 150 + n)).containsExactly(values);
		assertThat(Arrays.copyOfRange(outSteps, 0, 150)).containsOnly(-5);
		assertThat(Arrays.copyOfRange(outValues, 150 + n, n + 200)).containsOnly(-5.0);
		assertThatThrownBy(() -> ChunkCodec.decodeInto(chunk, outSteps, outTimestamps, outValues, 201))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no room");
	}

	@Test
	void rejects_every_truncation_of_a_chunk_with_a_clear_message() {
		int n = 700;
		byte[] chunk = ChunkCodec.encode(steps(n), RealisticCurves.timestamps(n, 9),
				RealisticCurves.trainingLoss(n, 9), 0, n);
		for (int length = 0; length < chunk.length; length++) {
			byte[] truncated = Arrays.copyOf(chunk, length);
			assertThatThrownBy(() -> ChunkCodec.decode(truncated)).as("truncated to %d bytes", length)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Corrupt metric chunk");
		}
	}

	@Test
	void rejects_flipped_bits_anywhere_in_a_chunk() {
		int n = 500;
		byte[] chunk = ChunkCodec.encode(steps(n), RealisticCurves.timestamps(n, 4),
				RealisticCurves.validationAccuracy(n, 4), 0, n);
		for (int bit = 8; bit < chunk.length * 8; bit++) {
			byte[] damaged = chunk.clone();
			damaged[bit >>> 3] ^= (byte) (1 << (bit & 7));
			assertThatThrownBy(() -> ChunkCodec.decode(damaged)).as("bit %d flipped", bit)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Corrupt metric chunk");
		}
	}

	@Test
	void rejects_an_unknown_version_and_an_empty_chunk() {
		byte[] chunk = ChunkCodec.encode(new long[] { 1 }, new long[] { 1 }, new double[] { 1 }, 0, 1);
		chunk[0] = 99;
		assertThatThrownBy(() -> ChunkCodec.pointCount(chunk)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("version 99");
		assertThatThrownBy(() -> ChunkCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("end of data");
	}

	@Test
	void survives_garbage_that_happens_to_carry_a_valid_checksum() {
		// the checksum stops accidents; the parser must still fail cleanly on anything that gets past it
		SplittableRandom random = new SplittableRandom(99);
		for (int round = 0; round < 20_000; round++) {
			byte[] garbage = new byte[random.nextInt(6, 200)];
			random.nextBytes(garbage);
			garbage[0] = ChunkCodec.VERSION;
			garbage[1] = (byte) random.nextInt(1, 128);
			java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
			crc.update(garbage, 0, garbage.length - 4);
			int c = (int) crc.getValue();
			for (int i = 0; i < 4; i++) {
				garbage[garbage.length - 4 + i] = (byte) (c >>> (8 * i));
			}
			try {
				ChunkCodec.decode(garbage);
			}
			catch (IllegalArgumentException expected) {
				assertThat(expected).hasMessageStartingWith("Corrupt metric chunk");
			}
		}
	}

	@Test
	void points_compare_by_content_and_know_their_size() {
		Points a = new Points(new long[] { 1 }, new long[] { 2 }, new double[] { Double.NaN });
		Points b = new Points(new long[] { 1 }, new long[] { 2 }, new double[] { Double.NaN });
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a.size()).isEqualTo(1);
		assertThatThrownBy(() -> new Points(new long[1], new long[2], new double[1]))
			.isInstanceOf(IllegalArgumentException.class);
	}

	static byte[] assertRoundTrip(long[] steps, long[] timestamps, double[] values) {
		byte[] chunk = ChunkCodec.encode(steps, timestamps, values, 0, values.length);
		assertThat(ChunkCodec.pointCount(chunk)).isEqualTo(values.length);
		Points points = ChunkCodec.decode(chunk);
		assertThat(points.steps()).containsExactly(steps);
		assertThat(points.timestamps()).containsExactly(timestamps);
		long[] expected = rawBits(values);
		long[] actual = rawBits(points.values());
		if (!Arrays.equals(expected, actual)) {
			int i = Arrays.mismatch(expected, actual);
			throw new AssertionError("value " + i + " of " + values.length + ": expected raw bits "
					+ Long.toHexString(expected[i]) + " but got " + Long.toHexString(actual[i]));
		}
		return chunk;
	}

	private static long[] rawBits(double[] values) {
		return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
	}

	private static long[] steps(int n) {
		return LongStream.range(0, n).toArray();
	}

	/** Segments of different shapes, so every encoder path and block layout gets exercised. */
	private static long[] fuzzLongs(SplittableRandom random, int n) {
		long[] out = new long[n];
		int i = 0;
		long t = random.nextLong();
		while (i < n) {
			int run = random.nextInt(1, 600);
			int kind = random.nextInt(6);
			long stride = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(-1000, 1000);
			for (int j = 0; j < run && i < n; j++, i++) {
				t = switch (kind) {
					case 0 -> random.nextLong();
					case 1 -> SPECIAL_LONGS[random.nextInt(SPECIAL_LONGS.length)];
					case 2 -> t + stride;
					case 3 -> t + stride + random.nextInt(-3, 4);
					case 4 -> t;
					default -> t + (random.nextInt(40) == 0 ? random.nextLong() >> random.nextInt(64) : 1);
				};
				out[i] = t;
			}
		}
		return out;
	}

	private static double[] fuzzDoubles(SplittableRandom random, int n) {
		double[] out = new double[n];
		int i = 0;
		while (i < n) {
			int run = random.nextInt(1, 600);
			int kind = random.nextInt(7);
			double level = random.nextDouble() * 10;
			int e = random.nextInt(7);
			for (int j = 0; j < run && i < n; j++, i++) {
				double v = switch (kind) {
					case 0 -> Double.longBitsToDouble(random.nextLong());
					case 1 -> SPECIALS[random.nextInt(SPECIALS.length)];
					case 2 -> (float) (level * (1 + 0.05 * random.nextDouble()));
					case 3 -> Math.round(level * 1000 + random.nextInt(-50, 50)) / Math.pow(10, e);
					case 4 -> (float) random.nextInt(0, 10_000) / (float) Math.pow(10, e);
					case 5 -> random.nextInt(-100, 101);
					default -> level;
				};
				out[i] = random.nextInt(100) == 0 ? SPECIALS[random.nextInt(SPECIALS.length)] : v;
			}
		}
		return out;
	}

	@Test
	void fuzz_helpers_cover_all_lengths_used_above() {
		assertThat(IntStream.of(1, 8192).allMatch(n -> fuzzLongs(new SplittableRandom(n), n).length == n)).isTrue();
	}

}
