package io.runledger.api.faults;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.runledger.RunledgerApplication;

/**
 * The application in a process of its own (the same code and database as the test's, only the main classpath), so a
 * test can kill it with SIGKILL: no shutdown hook, no graceful drain, transactions cut wherever they are.
 */
final class ChildApplication implements AutoCloseable {

	private final Process process;

	private ChildApplication(Process process) {
		this.process = process;
	}

	/**
	 * Launches it with the given extra Spring arguments and returns at once: its scheduled jobs start before it
	 * answers HTTP, so a test that wants to kill it during a job watches the job's effects in the database instead.
	 */
	static ChildApplication launch(String... arguments) throws IOException {
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		var classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("--enable-native-access"))
			.forEach(command::add);
		// C1 only and the serial collector: it lives for seconds, so starting fast matters more than peak speed.
		command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, RunledgerApplication.class.getName(),
				"--server.port=" + port, "--spring.datasource.hikari.maximum-pool-size=4",
				"--runledger.rate-limits.enabled=false", "--runledger.demo.enabled=false",
				"--logging.level.root=WARN"));
		command.addAll(List.of(arguments));
		var builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment()
			.put("RUNLEDGER_DB", System.getenv().getOrDefault("RUNLEDGER_TEST_DB", "runledger_test"));
		return new ChildApplication(builder.start());
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL, and waits until the process is gone. */
	void kill9() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		kill9();
	}
}
