package io.runledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR on the app (through jcmd, so the app needs no special flags), and a plain-text summary of where its CPU samples
 * went: by component (self time), the hottest methods (self) and the hottest Runledger methods (inclusive).
 */
final class Profiler {

	private static final String NAME = "runledger-bench";

	private final long pid;

	private final Path file;

	Profiler(long pid, Path file) {
		this.pid = pid;
		this.file = file;
	}

	void start() {
		jcmd("JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
	}

	void stop() {
		jcmd("JFR.stop", "name=" + NAME);
	}

	private void jcmd(String... args) {
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		command.add(Long.toString(pid));
		command.addAll(List.of(args));
		try {
			var p = new ProcessBuilder(command).redirectErrorStream(true).start();
			var out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
				throw new BenchException("jcmd " + String.join(" ", args) + " failed: " + out);
			}
		}
		catch (IOException e) {
			throw new BenchException("jcmd failed: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	/** Components, in the order they are tried against a sample's top frame. */
	private static final String[][] COMPONENTS = {
			{ "io.runledger.api.tracking.codec.", "chunk codec (encode)" },
			{ "io.runledger.api.tracking.MetricBatchParser", "JSON parsing of the batch (MetricBatchParser)" },
			{ "com.fasterxml.jackson.", "JSON (Jackson)" }, { "tools.jackson.", "JSON (Jackson)" },
			{ "io.runledger.", "other Runledger code" }, { "org.postgresql.", "pgjdbc (JDBC driver)" },
			{ "com.zaxxer.hikari.", "HikariCP" }, { "java.util.zip.", "gzip/zip" },
			{ "org.apache.tomcat.", "Tomcat (HTTP)" }, { "org.apache.coyote.", "Tomcat (HTTP)" },
			{ "org.apache.catalina.", "Tomcat (HTTP)" }, { "org.springframework.", "Spring" },
			{ "sun.nio.", "JDK I/O" }, { "java.nio.", "JDK I/O" }, { "java.io.", "JDK I/O" }, { "sun.security.", "JDK security" },
			{ "java.lang.String", "JDK strings" }, { "java.util.concurrent.", "JDK concurrency (virtual-thread scheduler, locks, maps)" },
			{ "jdk.internal.vm.Continuation", "JDK concurrency (virtual-thread scheduler, locks, maps)" },
			{ "java.lang.VirtualThread", "JDK concurrency (virtual-thread scheduler, locks, maps)" },
			{ "io.micrometer.", "Micrometer (metrics/observations)" }, { "java.util.regex.", "JDK regex" }, { "java.lang.Double", "JDK number parsing/printing" },
			{ "jdk.internal.math.", "JDK number parsing/printing" }, { "java.util.", "JDK collections/util" },
			{ "java.lang.invoke.", "JDK reflection/invoke" }, { "jdk.internal.reflect.", "JDK reflection/invoke" },
			{ "java.", "JDK other" }, { "jdk.", "JDK other" }, { "sun.", "JDK other" } };

	/** Writes the summary next to the recording and returns it. */
	String summarize(Path out, String title) throws IOException {
		var self = new HashMap<String, Integer>();
		var inclusive = new HashMap<String, Integer>();
		var components = new HashMap<String, Integer>();
		var threads = new HashMap<String, Integer>();
		int samples = 0;
		long gcPauseNanos = 0;
		int gcs = 0;
		try (var recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent e = recording.readEvent();
				var type = e.getEventType().getName();
				if (type.equals("jdk.GarbageCollection")) {
					gcs++;
					gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
					continue;
				}
				if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
					continue;
				}
				List<RecordedFrame> frames = e.getStackTrace().getFrames();
				if (frames.isEmpty()) {
					continue;
				}
				samples++;
				var top = frames.getFirst();
				self.merge(method(top), 1, Integer::sum);
				components.merge(component(top), 1, Integer::sum);
				var thread = e.getThread("sampledThread");
				threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1, Integer::sum);
				var seen = new HashSet<String>();
				for (var f : frames) {
					var m = method(f);
					if (m.startsWith("io.runledger.") && seen.add(m)) {
						inclusive.merge(m, 1, Integer::sum);
					}
				}
			}
		}
		var sb = new StringBuilder();
		sb.append("# ").append(title).append('\n');
		sb.append("# JFR (settings=profile) on the app; ").append(samples).append(" execution samples; ").append(gcs)
			.append(" GCs, ").append(String.format("%.0f", gcPauseNanos / 1e6)).append(" ms total pause\n");
		sb.append("# Samples are of Java code on CPU; time in PostgreSQL, the kernel (fsync, sockets) and the client is not here.\n\n");
		section(sb, "By component (self time of the sampled top frame)", components, samples, 30);
		section(sb, "By thread", threads, samples, 10);
		section(sb, "Hottest methods (self)", self, samples, 30);
		section(sb, "Runledger methods (inclusive: on the stack)", inclusive, samples, 30);
		Files.writeString(out, sb.toString());
		return sb.toString();
	}

	private static String threadGroup(String name) {
		if (name == null) {
			return "?";
		}
		return name.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
	}

	private static void section(StringBuilder sb, String title, Map<String, Integer> counts, int total, int top) {
		sb.append("## ").append(title).append('\n');
		var sorted = new ArrayList<>(counts.entrySet());
		sorted.sort((a, b) -> b.getValue() - a.getValue());
		var shown = new LinkedHashMap<String, Integer>();
		for (int i = 0; i < Math.min(top, sorted.size()); i++) {
			shown.put(sorted.get(i).getKey(), sorted.get(i).getValue());
		}
		shown.forEach((k, v) -> sb.append(String.format("%6.1f%%  %7d  %s%n", 100.0 * v / Math.max(1, total), v, k)));
		sb.append('\n');
	}

	private static String method(RecordedFrame f) {
		var m = f.getMethod();
		return m.getType().getName() + "." + m.getName();
	}

	private static String component(RecordedFrame f) {
		var type = f.getMethod().getType().getName();
		for (var c : COMPONENTS) {
			if (type.startsWith(c[0])) {
				return c[1];
			}
		}
		return "other libraries (" + (type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type) + ")";
	}
}
