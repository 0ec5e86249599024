package io.runledger.tenancy;

/** The request is well-formed but clashes with the current state (a taken slug, an illegal state change). */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
