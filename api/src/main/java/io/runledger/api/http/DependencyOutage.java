package io.runledger.api.http;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * PostgreSQL unreachable or restarting is an outage, not a bug: the request may be retried as it is (batch ids and
 * database constraints make a retry of a write that did commit a no-op), so it answers 503 with {@code Retry-After}
 * (MLflow: TEMPORARILY_UNAVAILABLE, which its clients retry), never a 500. One classification serves every place a
 * request can fail: the handlers' exception mapping (native and MLflow) and, through {@link Guard}, the filters that
 * run before them (authentication reads API keys from the database).
 */
public final class DependencyOutage {

	private static final Logger log = LoggerFactory.getLogger(DependencyOutage.class);

	/** Clients may try again this soon: a dead dependency answers at once, so probing again is cheap. */
	public static final String RETRY_AFTER_SECONDS = "1";

	static final String DATABASE_DETAIL = "the database is temporarily unavailable; retry the request (a retried "
			+ "metric batch is stored once)";

	private DependencyOutage() {
	}

	/**
	 * True when the failure is the database connection failing (refused, cut, or none free in time), whatever wraps
	 * it: Spring's translated exceptions, a failed commit or rollback, or the driver's own.
	 */
	public static boolean isDatabaseUnavailable(Throwable failure) {
		for (var e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
			if (e instanceof DataAccessResourceFailureException || e instanceof CannotCreateTransactionException
					|| e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
					|| e instanceof SQLRecoverableException || e instanceof ConnectException) {
				return true;
			}
			// 08: connection exception; 57P01-03: the server is shutting down, crashed or is starting.
			if (e instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
			// A commit or rollback the driver could not carry out: the connection is gone (the failure that made it
			// roll back, or a commit whose outcome is unknown, is only logged). A retry is safe: writes are idempotent.
			if (e instanceof TransactionSystemException tx && (tx.getCause() instanceof SQLException
					|| tx.getApplicationException() != null && isDatabaseUnavailable(tx.getApplicationException()))) {
				return true;
			}
		}
		return false;
	}

	/** The native API's answer: problem+json, 503, Retry-After. */
	public static ResponseEntity<ProblemDetail> problem(String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, detail));
	}

	/** MLflow's answer: its error JSON with TEMPORARILY_UNAVAILABLE, 503, Retry-After. */
	public static ResponseEntity<Object> mlflow(String message) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error_code", MlflowErrors.codeFor(HttpStatus.SERVICE_UNAVAILABLE), "message", message));
	}

	/** The database detail for the native API. */
	public static ResponseEntity<ProblemDetail> databaseProblem(Throwable failure) {
		logOutage(failure);
		return problem(DATABASE_DETAIL);
	}

	/** The database message for MLflow clients. */
	public static ResponseEntity<Object> databaseMlflow(Throwable failure) {
		logOutage(failure);
		return mlflow(DATABASE_DETAIL);
	}

	private static void logOutage(Throwable failure) {
		log.warn("Database unavailable: {}", failure.toString());
	}

	/**
	 * Outermost filter: a database outage that escapes a filter (before any handler could map it) answers like one
	 * that a handler mapped, in the format of the API the request addressed.
	 */
	@Component
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	static class Guard extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			catch (ServletException | RuntimeException e) {
				if (!isDatabaseUnavailable(e) || response.isCommitted()) {
					throw e;
				}
				logOutage(e);
				response.resetBuffer();
				response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
				Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DATABASE_DETAIL);
			}
		}
	}
}
