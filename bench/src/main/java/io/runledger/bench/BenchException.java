package io.runledger.bench;

/** A workload failed (an HTTP error, a wrong answer, a timeout): the harness records it and exits non-zero. */
final class BenchException extends RuntimeException {

	BenchException(String message) {
		super(message);
	}

	BenchException(String message, Throwable cause) {
		super(message, cause);
	}
}
