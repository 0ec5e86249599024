package io.runledger.tenancy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which audit entries to read: all of them, or those of one actor (kind and/or id), one action or a family of
 * actions ({@code budget.*}), and a time window {@code [from, to)}. Validates itself: a bad value is an
 * {@link InvalidRequestException} naming the parameter.
 */
public record AuditQuery(Optional<Actor.Kind> actorKind, Optional<String> actorId, Optional<String> action,
		Optional<Instant> from, Optional<Instant> to) {

	private static final Pattern ACTION = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

	static final int MAX_TEXT = 200;

	public AuditQuery {
		action.ifPresent(a -> {
			if (a.length() > MAX_TEXT || !ACTION.matcher(a).matches()) {
				throw new InvalidRequestException("action must be an action name such as budget.updated, or a family "
						+ "such as budget.*; got " + quote(a));
			}
		});
		actorId.ifPresent(a -> {
			if (a.isBlank() || a.length() > MAX_TEXT) {
				throw new InvalidRequestException("actor must be the id of a user, service account or 'runledger'");
			}
		});
		if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
			throw new InvalidRequestException("from must be before to (the window is [from, to)), got from "
					+ from.get() + " and to " + to.get());
		}
	}

	public static AuditQuery all() {
		return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
	}

	/** From request parameters as sent (null when absent). */
	public static AuditQuery of(String actorKind, String actorId, String action, String from, String to) {
		return new AuditQuery(present(actorKind).map(AuditQuery::kind), present(actorId), present(action),
				present(from).map(t -> instant("from", t)), present(to).map(t -> instant("to", t)));
	}

	/** An action family ({@code budget.*}) as a LIKE pattern, or the exact action. */
	Optional<String> actionPattern() {
		// '_' is LIKE's one-character wildcard; action names use it literally.
		return action.map(a -> a.endsWith(".*") ? a.substring(0, a.length() - 1).replace("_", "\\_") + "%" : a);
	}

	private static Optional<String> present(String value) {
		return Optional.ofNullable(value).filter(v -> !v.isEmpty());
	}

	private static Actor.Kind kind(String text) {
		try {
			return Actor.Kind.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("actorKind must be USER, SERVICE_ACCOUNT or SYSTEM; got " + quote(text));
		}
	}

	private static Instant instant(String name, String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException e) {
			throw new InvalidRequestException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z; got "
					+ quote(text));
		}
	}

	private static String quote(String text) {
		return "'" + (text.length() > 50 ? text.substring(0, 50) + "…" : text) + "'";
	}
}
