package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

/** Against the real PostgreSQL: a busy pool is waited out, a dead database fails as fast as the pool's timeout. */
class BusyPoolWaitsTests {

	private static HikariDataSource pool(int port, String database) {
		var pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
		pool.setUsername("runledger_app");
		pool.setPassword("runledger_app");
		pool.setMaximumPoolSize(1);
		pool.setConnectionTimeout(250);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	private static String testDatabase() {
		var name = System.getenv("RUNLEDGER_TEST_DB");
		return name == null || name.isBlank() ? "runledger_test" : name;
	}

	@Test
	void a_request_queued_behind_a_busy_healthy_pool_gets_a_connection_instead_of_a_timeout() throws Exception {
		int port = Integer.parseInt(System.getenv().getOrDefault("RUNLEDGER_PG_PORT", "5432"));
		try (var hikari = pool(port, testDatabase()); var threads = Executors.newSingleThreadExecutor()) {
			var patient = new BusyPoolWaits.Patient(hikari, Duration.ofSeconds(10));
			var held = new CountDownLatch(1);
			threads.submit(() -> {
				try (var connection = hikari.getConnection()) {
					held.countDown();
					Thread.sleep(1_000); // four of the pool's timeouts
				}
				return null;
			});
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			// Without the wrapper the pool itself gives up after 250 ms, though nothing is wrong with the database.
			assertThatThrownBy(hikari::getConnection).isInstanceOf(SQLTransientConnectionException.class)
				.hasNoCause();
			try (var connection = patient.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
		}
	}

	@Test
	void a_database_that_refuses_connections_fails_within_the_pools_timeout_not_the_long_wait() throws Exception {
		int deadPort;
		try (var socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		try (var hikari = pool(deadPort, "runledger")) {
			var patient = new BusyPoolWaits.Patient(hikari, Duration.ofSeconds(30));
			long start = System.nanoTime();
			assertThatThrownBy(patient::getConnection).isInstanceOf(SQLTransientConnectionException.class)
				.hasCauseInstanceOf(Exception.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}
}
