package io.runledger.storage;

/** The object store did not answer or refused us; callers answer 503, never 500. */
public class StorageUnavailableException extends RuntimeException {

	public StorageUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
