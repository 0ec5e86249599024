package io.runledger.api.tracking.codec;

import java.util.SplittableRandom;

/**
 * Deterministic (seeded, StrictMath) series shaped like what training scripts actually log, for compression and speed
 * measurements. Float32 curves are computed in float arithmetic and widened, exactly what a double column receives
 * from {@code loss.item()} on a float32 tensor.
 */
final class RealisticCurves {

	/** 2024-06-01T00:00:00Z. */
	static final long EPOCH_MS = 1_717_200_000_000L;

	private RealisticCurves() {
	}

	/** Steps 0, 1, 2, ... (every = 1) or 0, every, 2 * every, ... */
	static long[] steps(int n, int every) {
		long[] steps = new long[n];
		for (int i = 0; i < n; i++) {
			steps[i] = (long) i * every;
		}
		return steps;
	}

	/**
	 * Wall-clock log times: a per-run step duration of 100-300 ms, ±4 ms jitter per step, and roughly every 2000
	 * steps an evaluation/checkpoint pause of 5-30 s.
	 */
	static long[] timestamps(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		long interval = 100 + random.nextInt(201);
		long t = EPOCH_MS + random.nextLong(86_400_000L);
		long[] out = new long[n];
		for (int i = 0; i < n; i++) {
			out[i] = t;
			t += interval + random.nextInt(-4, 5);
			if (random.nextInt(2000) == 0) {
				t += random.nextInt(5_000, 30_000);
			}
		}
		return out;
	}

	/** Minibatch training loss: exponential decay to a floor with ~5 % multiplicative noise, float32. */
	static double[] trainingLoss(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float tau = n / 6f;
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			float clean = 2.2f * (float) StrictMath.exp(-i / tau) + 0.15f;
			out[i] = clean * (1f + 0.05f * (float) gaussian(random));
		}
		return out;
	}

	/**
	 * Validation accuracy on a 10 000-example set: rises and plateaus at ~0.92 with binomial noise, computed on the
	 * GPU as {@code correct.float() / total} in float32.
	 */
	static double[] validationAccuracy(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int total = 10_000;
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			double p = 0.92 - 0.82 * StrictMath.exp(-i / (n / 8.0));
			long correct = Math.round(p * total + StrictMath.sqrt(p * (1 - p) * total) * gaussian(random));
			out[i] = (float) Math.clamp(correct, 0, total) / (float) total;
		}
		return out;
	}

	/** StepLR: 0.1, multiplied by 0.1 in float64 every n / 3 steps (0.1, 0.010000000000000002, ...). */
	static double[] learningRateStepDecay(int n) {
		double[] out = new double[n];
		double lr = 0.1;
		int segment = Math.max(1, n / 3);
		for (int i = 0; i < n; i++) {
			if (i > 0 && i % segment == 0) {
				lr *= 0.1;
			}
			out[i] = lr;
		}
		return out;
	}

	/** Linear warm-up over 2 % of the run, then cosine decay from 3e-4 to 3e-6, in float64. */
	static double[] learningRateCosine(int n) {
		double max = 3e-4;
		double min = 3e-6;
		int warmup = Math.max(1, n / 50);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = i < warmup ? max * (i + 1) / warmup
					: min + 0.5 * (max - min) * (1 + StrictMath.cos(StrictMath.PI * (i - warmup) / (n - warmup)));
		}
		return out;
	}

	/** nvidia-smi utilisation: integers around 93-100 %, with ~2 % dips to 20-80 % while the data loader stalls. */
	static double[] gpuUtilisation(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			int u = random.nextInt(50) == 0 ? random.nextInt(20, 81) : 97 + random.nextInt(-4, 4);
			out[i] = Math.min(100, u);
		}
		return out;
	}

	/**
	 * {@code torch.cuda.memory_allocated()}: ~6.4 GB of weights and optimiser state plus activations that vary by up
	 * to ~50 MB between steps, always a multiple of the allocator's 512-byte granule.
	 */
	static double[] memoryAllocatedBytes(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		long weights = 6_400_000_000L / 512 * 512;
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = weights + 512L * random.nextInt(100_000);
		}
		return out;
	}

	/** Hugging Face Trainer style: the averaged loss rounded in float64 to 4 decimals. */
	static double[] roundedLoss(int n, long seed) {
		double[] loss = trainingLoss(n, seed);
		for (int i = 0; i < n; i++) {
			loss[i] = Math.round(loss[i] * 1e4) / 1e4;
		}
		return loss;
	}

	private static double gaussian(SplittableRandom random) {
		// explicit Box-Muller with StrictMath: the series must not change with the JDK version or CPU
		double u = 1 - random.nextDouble();
		return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
	}

}
