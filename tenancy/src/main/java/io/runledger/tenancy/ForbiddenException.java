package io.runledger.tenancy;

/** The caller is known and the target is theirs to see, but their role does not allow this action. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}
}
