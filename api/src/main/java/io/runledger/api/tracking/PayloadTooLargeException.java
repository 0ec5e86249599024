package io.runledger.api.tracking;

/** A request body or batch over an explicit limit; answered 413 with the limit named. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String message) {
		super(message);
	}
}
