package io.runledger.api.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Tells a busy pool from a dead database. Hikari's connection timeout is short (1 s) so that a request answers 503
 * soon when PostgreSQL is down ({@link DependencyOutage}); but the same timeout also ends a request that merely
 * queued behind 200 concurrent writers on a healthy database, which must wait, not fail. Hikari gives the timeout's
 * cause as the last failed attempt to connect, and forgets it once a connection succeeds: a timeout without a cause
 * is a healthy pool that was busy, and is waited out (up to {@link #MAX_WAIT}); one with a cause is an outage and
 * fails at once.
 */
@Component
class BusyPoolWaits implements BeanPostProcessor {

	/** How long a request queues for a connection of a healthy but busy pool before it is refused after all. */
	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return bean instanceof HikariDataSource hikari ? new Patient(hikari, MAX_WAIT) : bean;
	}

	static final class Patient extends DelegatingDataSource {

		private final long maxWaitNanos;

		Patient(DataSource target, Duration maxWait) {
			super(target);
			this.maxWaitNanos = maxWait.toNanos();
		}

		@Override
		public Connection getConnection() throws SQLException {
			long start = System.nanoTime();
			while (true) {
				try {
					return super.getConnection();
				}
				catch (SQLTransientConnectionException e) {
					if (e.getCause() != null || System.nanoTime() - start >= maxWaitNanos) {
						throw e;
					}
				}
			}
		}
	}
}
