package io.runledger.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic training curves, deterministic per seed, shaped like what training scripts log: a minibatch loss decaying
 * to a floor with ~5 % multiplicative noise and a gradient norm, both computed in float32 (what {@code loss.item()}
 * on a float32 tensor gives); validation accuracy as {@code correct.float() / total} over 10,000 examples (float32,
 * binomial noise); a step-decay learning rate in float64 (0.1, then ×0.1 every third of the run); GPU utilisation as
 * nvidia-smi integers (93-100 % with ~2 % dips while the data loader stalls). Steps are 0, 1, 2, ...; timestamps
 * advance by a per-run step time of 100-300 ms with ±4 ms jitter, plus an evaluation/checkpoint pause of 5-30 s about
 * every 2,000 steps, and are shared by all metrics of a run (one training loop logs them together).
 */
final class Curves {

	static final List<String> INGEST_KEYS = List.of("loss", "accuracy", "lr", "gpu_util", "grad_norm");

	static final List<String> STORAGE_KEYS = List.of("loss", "accuracy", "lr", "gpu_util");

	/** One series: parallel arrays. */
	record Series(String key, long[] steps, long[] timestamps, double[] values) {

		int size() {
			return steps.length;
		}
	}

	private Curves() {
	}

	static List<Series> run(long seed, List<String> keys, int n) {
		var random = new SplittableRandom(seed);
		var steps = new long[n];
		var ts = new long[n];
		long interval = 100 + random.nextInt(201);
		long t = 1_750_000_000_000L + random.nextLong(1_000_000_000L);
		for (int i = 0; i < n; i++) {
			steps[i] = i;
			ts[i] = t;
			t += interval + random.nextInt(-4, 5);
			if (random.nextInt(2000) == 0) {
				t += random.nextInt(5_000, 30_000);
			}
		}
		var out = new ArrayList<Series>(keys.size());
		for (var key : keys) {
			out.add(new Series(key, steps, ts, values(key, random.split(), n)));
		}
		return out;
	}

	static double[] values(String key, SplittableRandom r, int n) {
		var v = new double[n];
		float tau = Math.max(1, n / (4f + r.nextFloat() * 4));
		switch (key) {
			case "loss", "train_loss", "val_loss" -> {
				float a = 1.5f + r.nextFloat() * 1.5f, floor = 0.05f + r.nextFloat() * 0.3f;
				for (int i = 0; i < n; i++) {
					float clean = a * (float) Math.exp(-i / tau) + floor;
					v[i] = clean * (1f + 0.05f * (float) gaussian(r));
				}
			}
			case "grad_norm" -> {
				float a = 5 + r.nextFloat() * 5;
				for (int i = 0; i < n; i++) {
					v[i] = (a * (float) Math.exp(-i / tau) + 0.5f) * (float) Math.exp(0.3 * gaussian(r));
				}
			}
			case "accuracy", "val_accuracy" -> {
				int total = 10_000;
				double ceiling = 0.80 + r.nextDouble() * 0.18;
				for (int i = 0; i < n; i++) {
					double p = ceiling - (ceiling - 0.1) * Math.exp(-i / tau);
					long correct = Math.round(p * total + Math.sqrt(p * (1 - p) * total) * gaussian(r));
					v[i] = (float) Math.clamp(correct, 0, total) / (float) total;
				}
			}
			case "lr" -> {
				double lr = 0.1;
				int segment = Math.max(1, n / 3);
				for (int i = 0; i < n; i++) {
					if (i > 0 && i % segment == 0) {
						lr *= 0.1;
					}
					v[i] = lr;
				}
			}
			case "gpu_util" -> {
				for (int i = 0; i < n; i++) {
					v[i] = r.nextInt(50) == 0 ? r.nextInt(20, 81) : Math.min(100, 97 + r.nextInt(-4, 4));
				}
			}
			default -> {
				for (int i = 0; i < n; i++) {
					v[i] = (float) (Math.exp(-i / tau) + 0.05 * gaussian(r));
				}
			}
		}
		return v;
	}

	private static double gaussian(SplittableRandom r) {
		double u = 1 - r.nextDouble(), w = r.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
	}

	/** The native ingest body for points [from, to) of each series, as a client's JSON encoder writes it. */
	static byte[] body(String batchId, List<Series> series, int from, int to) {
		var sb = new StringBuilder(64 + (to - from) * series.size() * 42);
		sb.append('{');
		if (batchId != null) {
			sb.append("\"batchId\":\"").append(batchId).append("\",");
		}
		sb.append("\"series\":[");
		for (int s = 0; s < series.size(); s++) {
			var x = series.get(s);
			if (s > 0) {
				sb.append(',');
			}
			sb.append("{\"key\":\"").append(x.key()).append("\",\"steps\":[");
			for (int i = from; i < to; i++) {
				if (i > from) {
					sb.append(',');
				}
				sb.append(x.steps()[i]);
			}
			sb.append("],\"timestamps\":[");
			for (int i = from; i < to; i++) {
				if (i > from) {
					sb.append(',');
				}
				sb.append(x.timestamps()[i]);
			}
			sb.append("],\"values\":[");
			for (int i = from; i < to; i++) {
				if (i > from) {
					sb.append(',');
				}
				number(sb, x.values()[i]);
			}
			sb.append("]}");
		}
		sb.append("]}");
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** Integers as integers (what Python's json writes for int), everything else as the shortest double text. */
	static void number(StringBuilder sb, double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e15) {
			sb.append((long) v);
		}
		else {
			sb.append(v);
		}
	}
}
