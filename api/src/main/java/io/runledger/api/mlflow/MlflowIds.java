package io.runledger.api.mlflow;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.runledger.tenancy.Printable;
import io.runledger.tenancy.RunId;

/**
 * Ids as MLflow clients see them. Run ids are our run UUIDs as 32 hex digits (what MLflow generates); both that form
 * and the dashed one are accepted. Anything else cannot name a run here and is answered like an unknown run.
 */
final class MlflowIds {

	private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

	private static final Pattern DASHED = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private MlflowIds() {
	}

	static String hex(RunId id) {
		return hex(id.value());
	}

	static String hex(UUID id) {
		return id.toString().replace("-", "");
	}

	static Optional<UUID> uuid(String text) {
		if (text == null) {
			return Optional.empty();
		}
		var t = text.strip();
		if (HEX32.matcher(t).matches()) {
			return Optional.of(new UUID(Long.parseUnsignedLong(t.substring(0, 16), 16),
					Long.parseUnsignedLong(t.substring(16), 16)));
		}
		if (DASHED.matcher(t).matches()) {
			return Optional.of(UUID.fromString(t));
		}
		return Optional.empty();
	}

	/** The run an MLflow run id names; RESOURCE_DOES_NOT_EXIST when it cannot name one of ours. */
	static RunId run(String text) {
		return uuid(text).map(RunId::new)
			.orElseThrow(() -> MlflowException.notFound("Run with id=" + Printable.abbreviate(text) + " not found"));
	}
}
