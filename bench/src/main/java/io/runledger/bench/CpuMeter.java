package io.runledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a measurement: the app, PostgreSQL, this client, and the rest of the machine (other users
 * of the box), from /proc tick counters. PostgreSQL counts its background processes and the backends connected to
 * the app's database (their process titles name it; backends of other databases, e.g. a test suite's, count as
 * other); a backend that exits inside the window is missed, one that starts inside it counts whole.
 */
final class CpuMeter {

	private static final double TICK = 100.0;

	record Snapshot(long nanos, long app, Map<String, Long> postgres, long client, long machineBusy) {
	}

	/** The app's database: backends whose process title names it count as the app's PostgreSQL. */
	static volatile String DATABASE = "runledger";

	private final long appPid;

	CpuMeter(long appPid) {
		this.appPid = appPid;
	}

	Snapshot snapshot() {
		var pg = new java.util.HashMap<String, Long>();
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (var p : procs) {
				try {
					if (!"postgres".equals(Files.readString(p.resolve("comm")).trim())) {
						continue;
					}
					var title = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
					boolean background = !title.contains("(") && !title.contains("[local]");
					if (background || title.contains(" " + DATABASE + " ")) {
						// pid plus start time, so a recycled pid is a different process
						var stat = Files.readString(p.resolve("stat"));
						var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						pg.put(p.getFileName() + "/" + fields[19], ticks(p.resolve("stat")));
					}
				}
				catch (IOException | RuntimeException e) {
					// the process went away
				}
			}
		}
		catch (IOException e) {
			// no /proc
		}
		return new Snapshot(System.nanoTime(), appPid > 0 ? ticks(Path.of("/proc/" + appPid + "/stat")) : 0, pg,
				ticks(Path.of("/proc/self/stat")), machineBusy());
	}

	/** CPU seconds per consumer between two snapshots, and the wall time. */
	static Map<String, Object> between(Snapshot a, Snapshot b) {
		var m = new LinkedHashMap<String, Object>();
		double wall = (b.nanos() - a.nanos()) / 1e9;
		m.put("wallSeconds", Samples.round(wall));
		m.put("appCpuSeconds", Samples.round((b.app() - a.app()) / TICK));
		long pg = 0;
		for (var e : b.postgres().entrySet()) {
			pg += Math.max(0, e.getValue() - a.postgres().getOrDefault(e.getKey(), 0L));
		}
		m.put("postgresCpuSeconds", Samples.round(pg / TICK));
		m.put("clientCpuSeconds", Samples.round((b.client() - a.client()) / TICK));
		double others = (b.machineBusy() - a.machineBusy() - (b.app() - a.app()) - pg - (b.client() - a.client()))
				/ TICK;
		m.put("otherCpuSeconds", Samples.round(Math.max(0, others)));
		m.put("machineBusyFraction",
				Samples.round((b.machineBusy() - a.machineBusy()) / TICK / (wall * Runtime.getRuntime().availableProcessors())));
		return m;
	}

	private static long ticks(Path stat) {
		try {
			var s = Files.readString(stat);
			var fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state); utime is field 14, stime field 15
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	private static long machineBusy() {
		try {
			var cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			// user nice system idle iowait irq softirq steal
			long busy = 0;
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(cpu[i]);
				}
			}
			return busy;
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	static Map<String, Object> machine() {
		var m = new LinkedHashMap<String, Object>();
		m.put("cores", Runtime.getRuntime().availableProcessors());
		try {
			for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kb = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
					m.put("memoryGiB", Math.round(kb / 1024.0 / 1024.0));
				}
			}
			m.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		m.put("javaVersion", System.getProperty("java.version"));
		return m;
	}
}
