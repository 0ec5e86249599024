package io.runledger.api.tracking;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Spreads the CPU-bound part of one large read (decoding a million-point series, bucketing it) over the machine's
 * cores. A chart of one long run is the slowest read people make, and a request otherwise uses one core while the
 * others idle. A pool of its own, one platform thread per core: the common pool has one thread fewer than there are
 * cores, and request threads are virtual, which parallel streams would not spread over the cores by themselves.
 * Small work stays on the caller's thread.
 */
@Component
class Cores {

	/** Below this many points, splitting costs more than it saves. */
	static final int MIN_POINTS = 100_000;

	private final ForkJoinPool pool;

	Cores() {
		this(Runtime.getRuntime().availableProcessors());
	}

	/** With a chosen number of threads (tests split work on machines of any size). */
	Cores(int threads) {
		this.pool = new ForkJoinPool(threads);
	}

	/**
	 * Runs {@code task} for 0..tasks-1, together covering {@code points} points: in parallel when they are many and
	 * there is more than one core, else in order on this thread. Returns when all are done.
	 */
	void forEach(int tasks, long points, IntConsumer task) {
		if (tasks <= 1 || points < MIN_POINTS || pool.getParallelism() <= 1) {
			for (int t = 0; t < tasks; t++) {
				task.accept(t);
			}
			return;
		}
		pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(task)).join();
	}

	/** How many parts large work is split into. */
	int parallelism() {
		return pool.getParallelism();
	}

	@PreDestroy
	void shutdown() {
		pool.shutdown();
	}
}
