package io.runledger.api.mlflow;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.runledger.api.http.DependencyOutage;
import io.runledger.api.tracking.PayloadTooLargeException;
import io.runledger.metering.BudgetExceededException;
import io.runledger.storage.ObjectNotFoundException;
import io.runledger.storage.StorageUnavailableException;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.ForbiddenException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.Printable;

/**
 * Every error of an MLflow handler leaves in MLflow's format, {@code {"error_code": "...", "message": "..."}}, with the
 * HTTP status MLflow's server uses for the code (mlflow/exceptions.py). Runs before the platform's problem+json
 * handling, which therefore never answers for these handlers. Nothing unexpected leaks: it is logged and answered as
 * INTERNAL_ERROR.
 */
@RestControllerAdvice(basePackages = "io.runledger.api.mlflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(MlflowErrorHandling.class);

	@ExceptionHandler(MlflowException.class)
	ResponseEntity<Object> mlflow(MlflowException e) {
		return error(e.status(), e.errorCode(), e.getMessage());
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Object> invalid(InvalidRequestException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> notFound(NotFoundException e) {
		return error(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", e.getMessage());
	}

	/** A recorded artifact whose bytes are gone from the store: a 404 that says so (see ProblemHandling). */
	@ExceptionHandler(ObjectNotFoundException.class)
	ResponseEntity<Object> objectMissing(ObjectNotFoundException e) {
		return error(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", ObjectNotFoundException.FOR_CALLERS);
	}

	/** A clash with the current state that the adapter did not translate itself (it translates the MLflow ones). */
	@ExceptionHandler(ConflictException.class)
	ResponseEntity<Object> conflict(ConflictException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
		log.warn("MLflow request violated a constraint: {}", e.getMostSpecificCause().getMessage());
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE",
				"the request conflicts with existing data; retry it, or check names and ids for duplicates");
	}

	@ExceptionHandler(ForbiddenException.class)
	ResponseEntity<Object> forbidden(ForbiddenException e) {
		return error(HttpStatus.FORBIDDEN, "PERMISSION_DENIED", e.getMessage());
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", e.getMessage());
	}

	/** MLflow clients back off and retry on REQUEST_LIMIT_EXCEEDED; Retry-After says until the period ends. */
	@ExceptionHandler(BudgetExceededException.class)
	ResponseEntity<Object> budget(BudgetExceededException e) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error_code", "REQUEST_LIMIT_EXCEEDED", "message", e.getMessage()));
	}

	@ExceptionHandler(StorageUnavailableException.class)
	ResponseEntity<Object> storageDown(StorageUnavailableException e) {
		log.warn("Object storage unavailable: {}", e.getMessage());
		return DependencyOutage.mlflow("object storage is temporarily unavailable; retry later");
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE",
				"Request body is not valid JSON for this endpoint: " + Printable.abbreviate(e.getMessage(), 200));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<Object> missing(MissingServletRequestParameterException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", "Missing value for required parameter '"
				+ e.getParameterName() + "'. See the API docs for more information about request parameters.");
	}

	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(TypeMismatchException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", "Invalid value '"
				+ Printable.abbreviate(String.valueOf(e.getValue())) + "' for parameter '" + e.getPropertyName()
				+ "' supplied. See the API docs for more information about request parameters.");
	}

	@ExceptionHandler(ServletRequestBindingException.class)
	ResponseEntity<Object> binding(ServletRequestBindingException e) {
		return error(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", Printable.abbreviate(e.getMessage(), 300));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
		return error(HttpStatus.METHOD_NOT_ALLOWED, "BAD_REQUEST", Printable.abbreviate(e.getMessage(), 300));
	}

	@ExceptionHandler({ HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class })
	ResponseEntity<Object> mediaType(Exception e) {
		return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST", Printable.abbreviate(e.getMessage(), 300));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Object> noEndpoint(NoResourceFoundException e) {
		return error(HttpStatus.NOT_FOUND, "ENDPOINT_NOT_FOUND", "no MLflow endpoint at this path");
	}

	/** The database being unreachable is an outage that clients retry (TEMPORARILY_UNAVAILABLE), not a bug. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e) {
		if (DependencyOutage.isDatabaseUnavailable(e)) {
			return DependencyOutage.databaseMlflow(e);
		}
		log.error("Unhandled error in an MLflow handler", e);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"an unexpected error occurred; it has been logged");
	}

	static ResponseEntity<Object> error(HttpStatus status, String code, String message) {
		var body = new LinkedHashMap<String, String>();
		body.put("error_code", code);
		body.put("message", message == null ? code : message);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}
}
