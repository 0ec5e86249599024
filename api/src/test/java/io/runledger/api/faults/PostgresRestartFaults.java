package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.TestTenants;
import io.runledger.api.faults.PrivateServices.Service;
import io.runledger.api.faults.Writers.Api;

/**
 * PostgreSQL stopped and restarted, then crashed and restarted, while four clients (two native, two MLflow) write:
 * they get retryable errors while it is down, the application finds it again by itself, and every acknowledged point
 * is stored and metered exactly once.
 */
@FaultTest
class PostgresRestartFaults {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Test
	void writers_get_retryable_errors_while_postgresql_restarts_and_every_acknowledged_point_lands_once() {
		var acme = tenants.create();
		var writers = Writers.of(port, acme, Api.NATIVE, Api.NATIVE, Api.MLFLOW, Api.MLFLOW);
		try {
			writers.start().awaitProgress(20, Duration.ofSeconds(60));
			PrivateServices.stop(Service.POSTGRES);
			writers.awaitFailures(8, Duration.ofSeconds(60));
			PrivateServices.start(Service.POSTGRES);
			writers.awaitProgress(20, Duration.ofSeconds(60));
			// Then a crash: no shutdown checkpoint, crash recovery on start.
			int before = writers.failures().size();
			PrivateServices.kill(Service.POSTGRES);
			writers.awaitFailures(before + 8, Duration.ofSeconds(60));
			PrivateServices.start(Service.POSTGRES);
			writers.awaitProgress(20, Duration.ofSeconds(60));
		}
		finally {
			PrivateServices.start(Service.POSTGRES);
			writers.stop();
		}

		assertThat(writers.failures()).as("answers while PostgreSQL was down").isNotEmpty().allSatisfy(failure -> {
			assertThat(failure.status()).as(failure.toString()).isEqualTo(503);
			assertThat(failure.retryAfter()).as(failure.toString()).isNotBlank();
			// The connection timeout (1 s), plus the work of a request that was under way when the database went.
			assertThat(failure.millis()).as("answered soon: %s", failure).isLessThan(2500);
			if (failure.api() == Api.MLFLOW) {
				assertThat(failure.body()).as(failure.toString()).contains("\"error_code\":\"TEMPORARILY_UNAVAILABLE\"");
			}
			else {
				assertThat(failure.contentType()).as(failure.toString()).startsWith("application/problem+json");
			}
		});
		GroundTruth.assertStoredAndMeteredExactlyOnce(port, acme, writers);
	}
}
