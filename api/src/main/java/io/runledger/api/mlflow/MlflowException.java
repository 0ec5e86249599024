package io.runledger.api.mlflow;

import org.springframework.http.HttpStatus;

/** An error in MLflow's terms: its error code, the HTTP status MLflow uses for it, and a message for the caller. */
class MlflowException extends RuntimeException {

	private final String errorCode;

	private final HttpStatus status;

	MlflowException(String errorCode, HttpStatus status, String message) {
		super(message);
		this.errorCode = errorCode;
		this.status = status;
	}

	String errorCode() {
		return errorCode;
	}

	HttpStatus status() {
		return status;
	}

	static MlflowException invalid(String message) {
		return new MlflowException("INVALID_PARAMETER_VALUE", HttpStatus.BAD_REQUEST, message);
	}

	static MlflowException notFound(String message) {
		return new MlflowException("RESOURCE_DOES_NOT_EXIST", HttpStatus.NOT_FOUND, message);
	}

	static MlflowException alreadyExists(String message) {
		return new MlflowException("RESOURCE_ALREADY_EXISTS", HttpStatus.BAD_REQUEST, message);
	}

	static MlflowException notImplemented(String message) {
		return new MlflowException("NOT_IMPLEMENTED", HttpStatus.NOT_IMPLEMENTED, message);
	}

	static MlflowException missing(String parameter) {
		return invalid("Missing value for required parameter '" + parameter
				+ "'. See the API docs for more information about request parameters.");
	}
}
