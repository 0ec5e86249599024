package io.runledger.bench;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measurement loop: `threads` workers start together and pull task indices 0..total-1 from a shared counter; the
 * clock runs from the start signal until the last task finishes. The first failure stops every worker and is
 * rethrown. Bounded by a deadline.
 */
final class Timed {

	interface Task {
		void run(int thread, int index) throws Exception;
	}

	private Timed() {
	}

	/** Each worker runs exactly one task, its own index (e.g. one writer's whole sequence); elapsed nanoseconds. */
	static long perThread(int threads, long timeoutSeconds, Task task) {
		return run(threads, -1, timeoutSeconds, task);
	}

	/** Elapsed nanoseconds. */
	static long run(int threads, int total, long timeoutSeconds, Task task) {
		var next = new AtomicInteger();
		var failure = new AtomicReference<Throwable>();
		var ready = new CountDownLatch(threads);
		var go = new CountDownLatch(1);
		var done = new CountDownLatch(threads);
		var workers = new ArrayList<Thread>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			workers.add(Thread.ofPlatform().name("bench-worker-" + t).daemon().start(() -> {
				try {
					ready.countDown();
					go.await();
					if (total < 0) {
						task.run(thread, thread);
					}
					else {
						int i;
						while (failure.get() == null && (i = next.getAndIncrement()) < total) {
							task.run(thread, i);
						}
					}
				}
				catch (Throwable e) {
					failure.compareAndSet(null, e);
				}
				finally {
					done.countDown();
				}
			}));
		}
		try {
			ready.await();
			long start = System.nanoTime();
			go.countDown();
			if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
				failure.compareAndSet(null, new BenchException("did not finish within " + timeoutSeconds + " s"));
				workers.forEach(Thread::interrupt);
			}
			long elapsed = System.nanoTime() - start;
			var f = failure.get();
			if (f != null) {
				throw f instanceof BenchException b ? b : new BenchException(f.toString(), f);
			}
			return elapsed;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}
}
