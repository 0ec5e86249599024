package io.runledger.api.tracking;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Printable;

/**
 * A run's lifecycle. RUNNING accepts data; the others are terminal until the client reopens the run. CRASHED is
 * set by the platform when a RUNNING run stops sending heartbeats (any write counts as one), and a crashed run that
 * turns out to be alive is revived by its next write.
 */
public enum RunState {

	RUNNING, FINISHED, FAILED, KILLED, CRASHED;

	public boolean acceptsData() {
		return this == RUNNING || this == CRASHED;
	}

	public boolean terminal() {
		return this != RUNNING;
	}

	static RunState parse(String text) {
		if (text != null) {
			for (var state : values()) {
				if (state.name().equalsIgnoreCase(text)) {
					return state;
				}
			}
		}
		throw new InvalidRequestException("state must be one of RUNNING, FINISHED, FAILED, KILLED, CRASHED, got '"
				+ Printable.abbreviate(text) + "'");
	}
}
