package io.runledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of the app during one workload: resets the kernel's high-water mark
 * (/proc/PID/clear_refs, "5") when allowed and samples VmRSS every 50 ms; the peak is the larger of both.
 */
final class RssSampler implements AutoCloseable {

	private final long pid;

	private final boolean reset;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long maxKb;

	RssSampler(long pid) {
		this.pid = pid;
		boolean ok = false;
		if (pid > 0) {
			try {
				Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
				ok = true;
			}
			catch (IOException | RuntimeException e) {
				ok = false;
			}
		}
		this.reset = ok;
		this.thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::loop);
	}

	private void loop() {
		while (running && pid > 0) {
			long kb = field("VmRSS:");
			if (kb > maxKb) {
				maxKb = kb;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	private long field(String name) {
		try {
			for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith(name)) {
					return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
		return -1;
	}

	/** Peak RSS in MiB since construction (NaN without a pid). */
	double peakMiB() {
		if (pid <= 0) {
			return Double.NaN;
		}
		long peak = maxKb;
		if (reset) {
			peak = Math.max(peak, field("VmHWM:"));
		}
		return peak / 1024.0;
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
	}
}
