package io.runledger.tenancy;

/** The caller sent something we cannot accept; the message names the problem and is shown to the caller. */
public class InvalidRequestException extends RuntimeException {

	public InvalidRequestException(String message) {
		super(message);
	}
}
