package io.runledger.api.http;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.runledger.api.tracking.PayloadTooLargeException;
import io.runledger.metering.BudgetExceededException;
import io.runledger.storage.StorageUnavailableException;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.ForbiddenException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.storage.ObjectNotFoundException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.Printable;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the native API leaves as {@code application/problem+json} whose detail names the problem. Anything
 * unexpected is logged and answered with a 500 that says nothing internal.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException e) {
		return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return Problems.of(HttpStatus.NOT_FOUND, e.getMessage());
	}

	/**
	 * Our metadata names a stored file whose object is gone from the store (removed or lost outside Runledger, or a
	 * database restored without its bucket). Not the caller's fault and not retryable: a 404 that says so, logged.
	 */
	@ExceptionHandler(ObjectNotFoundException.class)
	ProblemDetail objectMissing(ObjectNotFoundException e) {
		log.warn("Stored file without its object: {}", e.getMessage());
		return Problems.of(HttpStatus.NOT_FOUND, ObjectNotFoundException.FOR_CALLERS);
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException e) {
		return Problems.of(HttpStatus.CONFLICT, e.getMessage());
	}

	@ExceptionHandler(ForbiddenException.class)
	ProblemDetail forbidden(ForbiddenException e) {
		return Problems.of(HttpStatus.FORBIDDEN, e.getMessage());
	}

	@ExceptionHandler(StorageUnavailableException.class)
	ResponseEntity<ProblemDetail> storageDown(StorageUnavailableException e) {
		log.warn("Object storage unavailable: {}", e.getMessage());
		return DependencyOutage.problem(
				"object storage is temporarily unavailable; tracking still works, retry artifact calls later");
	}

	/** A reached hard cap: the problem names the budget and how to raise it; Retry-After runs to the period's end. */
	@ExceptionHandler(BudgetExceededException.class)
	ResponseEntity<ProblemDetail> budget(BudgetExceededException e) {
		var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
		problem.setTitle("Budget reached");
		problem.setType(java.net.URI.create("https://runledger.io/problems/budget-exceeded"));
		problem.setProperty("budgetId", e.budget().id().toString());
		problem.setProperty("budgetName", e.budget().name());
		problem.setProperty("raiseWith", "PUT /api/v1/budgets/" + e.budget().id());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException e) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		return Problems.of(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value '"
				+ Printable.abbreviate(String.valueOf(e.getValue())) + "'");
	}

	/** Anything unexpected is a 500, except the database being unreachable: that is an outage, retryable (503). */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (DependencyOutage.isDatabaseUnavailable(e)) {
			return DependencyOutage.databaseProblem(e);
		}
		log.error("Unhandled error", e);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged"));
	}

	/** An unknown path: MLflow clients get MLflow's ENDPOINT_NOT_FOUND, everyone else a problem document. */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && MlflowErrors.addresses(servlet.getRequest())) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error_code", "ENDPOINT_NOT_FOUND", "message",
						"no MLflow endpoint at " + Printable.abbreviate(servlet.getRequest().getRequestURI(), 200)));
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "no endpoint at this path"));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causeOf(ex, UnrecognizedPropertyException.class) instanceof UnrecognizedPropertyException unknown) {
			// Native bodies are strict (spring.jackson.deserialization.fail-on-unknown-properties): a misspelt or
			// unsupported field would otherwise vanish silently.
			return ResponseEntity.badRequest()
				.body(Problems.of(HttpStatus.BAD_REQUEST, "unknown field '" + Printable.abbreviate(fieldPath(unknown))
						+ "' in the request body; known fields: " + known(unknown)));
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "request body is not valid JSON for this endpoint: "
					+ Printable.abbreviate(rootMessage(ex), 300)));
	}

	/** The dotted path of the field, e.g. {@code series[0].unit}. */
	private static String fieldPath(UnrecognizedPropertyException e) {
		var path = new StringBuilder();
		for (var reference : e.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? e.getPropertyName() : path.toString();
	}

	private static String known(UnrecognizedPropertyException e) {
		var names = e.getKnownPropertyIds() == null ? java.util.List.<String>of()
				: e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
		return names.isEmpty() ? "none" : String.join(", ", names);
	}

	private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
		for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return cause;
			}
		}
		return null;
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "query parameter '" + ex.getParameterName() + "' is required"));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static String rootMessage(Throwable e) {
		var root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		var message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		// Jackson appends a source excerpt after a newline; the first line names the problem.
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}
}
