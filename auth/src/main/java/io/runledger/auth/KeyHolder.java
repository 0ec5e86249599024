package io.runledger.auth;

import java.util.UUID;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.UserId;

/** Whom an API key acts for: a person or a service account of the organisation. */
public sealed interface KeyHolder {

	UUID id();

	Kind kind();

	Actor actor();

	enum Kind {
		USER, SERVICE_ACCOUNT
	}

	record User(UserId userId) implements KeyHolder {
		public UUID id() {
			return userId.value();
		}

		public Kind kind() {
			return Kind.USER;
		}

		public Actor actor() {
			return Actor.user(userId);
		}
	}

	record ServiceAccount(ServiceAccountId serviceAccountId) implements KeyHolder {
		public UUID id() {
			return serviceAccountId.value();
		}

		public Kind kind() {
			return Kind.SERVICE_ACCOUNT;
		}

		public Actor actor() {
			return new Actor(Actor.Kind.SERVICE_ACCOUNT, serviceAccountId.toString());
		}
	}

	static KeyHolder of(String kind, UUID id) {
		return switch (Kind.valueOf(kind)) {
			case USER -> new User(new UserId(id));
			case SERVICE_ACCOUNT -> new ServiceAccount(new ServiceAccountId(id));
		};
	}
}
