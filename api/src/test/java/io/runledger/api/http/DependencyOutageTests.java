package io.runledger.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are a database outage (503, retry) and which stay bugs (500) or bad input (4xx). */
class DependencyOutageTests {

	@Test
	void no_connection_from_the_pool_in_time_is_an_outage() {
		assertThat(DependencyOutage.isDatabaseUnavailable(new CannotGetJdbcConnectionException("Failed to obtain",
				new SQLTransientConnectionException("request timed out after 1000ms")))).isTrue();
	}

	@Test
	void a_connection_cut_by_a_shutting_down_server_is_an_outage_however_deeply_wrapped() {
		var terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		assertThat(DependencyOutage.isDatabaseUnavailable(
				new IllegalStateException(new RuntimeException(terminated)))).isTrue();
		assertThat(DependencyOutage.isDatabaseUnavailable(new RuntimeException(new ConnectException("refused"))))
			.isTrue();
	}

	@Test
	void a_commit_or_rollback_the_driver_could_not_carry_out_is_an_outage() {
		var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
		assertThat(DependencyOutage.isDatabaseUnavailable(rollback)).isTrue();
		var hidden = new TransactionSystemException("rollback failed");
		hidden.initApplicationException(new SQLException("terminating connection", "57P01"));
		assertThat(DependencyOutage.isDatabaseUnavailable(hidden)).isTrue();
		assertThat(DependencyOutage.isDatabaseUnavailable(new TransactionSystemException("no transaction in progress")))
			.isFalse();
	}

	@Test
	void constraint_violations_and_bugs_are_not_outages() {
		assertThat(DependencyOutage.isDatabaseUnavailable(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value", "23505")))).isFalse();
		assertThat(DependencyOutage.isDatabaseUnavailable(new NullPointerException())).isFalse();
	}
}
