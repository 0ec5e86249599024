package io.runledger.storage;

/** The store has no such object (or multipart upload), although our metadata expected one. */
public class ObjectNotFoundException extends RuntimeException {

	/** What an API caller is told (the message itself names internal object keys, for the log only). */
	public static final String FOR_CALLERS =
			"the file is recorded but its content is missing from object storage; upload it again";

	public ObjectNotFoundException(String message) {
		super(message);
	}
}
