package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops and starts the private services of {@code infra/local/fault-test.sh} through its {@code ctl} command, so the
 * processes are handled by the same shell functions that started them. Refuses to run without that script: the
 * shared services on the default ports must never be stopped.
 */
final class PrivateServices implements BeforeAllCallback {

	enum Service {
		POSTGRES, REDIS, S3;

		String scriptName() {
			return name().toLowerCase();
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (System.getenv("RUNLEDGER_FAULT_HOME") == null || System.getenv("RUNLEDGER_FAULT_SCRIPT") == null) {
			throw new IllegalStateException("the fault suite stops and restarts services; it runs only against the "
					+ "private ones that infra/local/fault-test.sh starts (run that script, not mvn directly)");
		}
	}

	/** A clean stop: SIGTERM for Redis and S3Proxy, {@code pg_ctl stop -m fast} for PostgreSQL. */
	static void stop(Service service) {
		ctl("stop", service);
	}

	/**
	 * Like a crash: SIGKILL for Redis, {@code pg_ctl stop -m immediate} for PostgreSQL (crash recovery on restart);
	 * S3Proxy keeps no state worth crashing, so this stops it like {@link #stop}.
	 */
	static void kill(Service service) {
		ctl("kill", service);
	}

	/** Starts the service again on the same port with the same data, and waits until it answers. */
	static void start(Service service) {
		ctl("start", service);
	}

	private static void ctl(String action, Service service) {
		try {
			// Output to a file, not a pipe: a daemon the script starts must not hold our end open.
			var log = Files.createTempFile("fault-ctl", ".log");
			var process = new ProcessBuilder(System.getenv("RUNLEDGER_FAULT_SCRIPT"), "ctl", action,
					service.scriptName())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			var finished = process.waitFor(120, TimeUnit.SECONDS);
			var output = Files.readString(log, StandardCharsets.UTF_8);
			Files.delete(log);
			assertThat(finished).as("fault-test.sh ctl %s %s finished", action, service).isTrue();
			assertThat(process.exitValue()).as("fault-test.sh ctl %s %s: %s", action, service, output).isZero();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
