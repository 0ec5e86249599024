package io.runledger.storage;

/** The store has no such object (or multipart upload), although our metadata expected one. */
public class ObjectNotFoundException extends RuntimeException {

	public ObjectNotFoundException(String message) {
		super(message);
	}
}
