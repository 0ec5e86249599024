package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SamplingTests {

	@Test
	void the_sorted_fast_path_agrees_with_the_general_path_on_random_data_with_nan_and_infinities() {
		var random = new Random(11);
		for (int round = 0; round < 200; round++) {
			int size = 1 + random.nextInt(5000);
			var x = new double[size];
			var y = new double[size];
			double position = random.nextInt(100);
			for (int i = 0; i < size; i++) {
				position += random.nextInt(3);
				x[i] = position;
				y[i] = switch (random.nextInt(20)) {
					case 0 -> Double.NaN;
					case 1 -> Double.POSITIVE_INFINITY;
					case 2 -> Double.NEGATIVE_INFINITY;
					default -> random.nextGaussian() * 100;
				};
			}
			int n = 1 + random.nextInt(300);
			double lo = x[0] + random.nextInt(3);
			double hi = Math.max(lo, x[size - 1] - random.nextInt(3));
			var reversedX = new double[size];
			var reversedY = new double[size];
			for (int i = 0; i < size; i++) {
				reversedX[i] = x[size - 1 - i];
				reversedY[i] = y[size - 1 - i];
			}

			var fast = Sampling.buckets(x, y, size, n, lo, hi);
			var general = Sampling.buckets(reversedX, reversedY, size, n, lo, hi);

			assertThat(fast.count()).as("round %d", round).containsExactly(general.count());
			assertThat(fast.min()).as("round %d", round).containsExactly(general.min());
			assertThat(fast.max()).as("round %d", round).containsExactly(general.max());
			for (int b = 0; b < n; b++) {
				assertThat(fast.mean()[b]).as("round %d bucket %d", round, b)
					.isCloseTo(general.mean()[b], org.assertj.core.data.Offset.offset(1e-6));
			}
		}
	}

	@Test
	void splitting_a_large_series_over_cores_gives_exactly_the_buckets_of_one_thread() {
		var cores = new Cores(3);
		try {
			var random = new Random(12);
			for (int round = 0; round < 6; round++) {
				int size = Cores.MIN_POINTS + random.nextInt(200_000);
				var x = new double[size];
				var y = new double[size];
				double position = random.nextInt(100);
				for (int i = 0; i < size; i++) {
					// repeated x values, so many points sit exactly on bucket edges
					position += random.nextInt(3);
					x[i] = position;
					y[i] = random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian();
				}
				int n = 1 + random.nextInt(2000);
				double lo = x[0] + random.nextInt(1000);
				double hi = Math.max(lo, x[size - 1] - random.nextInt(1000));

				var one = Sampling.buckets(x, y, size, n, lo, hi);
				var split = Sampling.buckets(x, y, size, n, lo, hi, cores);

				assertThat(split.count()).as("round %d", round).containsExactly(one.count());
				assertThat(split.min()).as("round %d", round).containsExactly(one.min());
				assertThat(split.max()).as("round %d", round).containsExactly(one.max());
				assertThat(split.first()).as("round %d", round).containsExactly(one.first());
				assertThat(split.last()).as("round %d", round).containsExactly(one.last());
				assertThat(split.mean()).as("round %d", round).containsExactly(one.mean());
			}
		}
		finally {
			cores.shutdown();
		}
	}

	@Test
	void a_bucket_of_only_nan_counts_its_points_but_has_no_min_or_max() {
		var buckets = Sampling.buckets(new double[] { 0, 1, 2, 3 },
				new double[] { Double.NaN, Double.NaN, 5, Double.POSITIVE_INFINITY }, 4, 2, 0, 3);

		assertThat(buckets.count()).containsExactly(2, 2);
		assertThat(buckets.min()[0]).isNaN();
		assertThat(buckets.max()[0]).isNaN();
		assertThat(buckets.min()[1]).isEqualTo(5);
		assertThat(buckets.max()[1]).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(buckets.mean()[1]).isEqualTo(5);
	}

	@Test
	void lttb_keeps_both_ends_and_the_requested_count() {
		var x = new double[1000];
		var y = new double[1000];
		for (int i = 0; i < 1000; i++) {
			x[i] = i;
			y[i] = Math.sin(i / 30.0);
		}

		var picked = Sampling.lttb(x, y, 1000, 50);

		assertThat(picked).hasSize(50).startsWith(0).endsWith(999).isSorted();
	}

	@Test
	void ema_with_debiasing_starts_at_the_first_value() {
		var smoothed = Sampling.ema(new double[] { 4, 8, Double.NaN, 8 }, 4, 0.5);

		assertThat(smoothed[0]).isEqualTo(4);
		assertThat(smoothed[1]).isCloseTo((0.25 * 4 + 0.5 * 8) / 0.75, org.assertj.core.data.Offset.offset(1e-12));
		assertThat(smoothed[2]).isNaN();
	}
}
