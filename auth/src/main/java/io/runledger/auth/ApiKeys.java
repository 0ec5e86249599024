package io.runledger.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ForbiddenException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.MemberRemoved;
import io.runledger.tenancy.Members;
import io.runledger.tenancy.Names;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

/** Issuing, listing, revoking and checking API keys. */
@Component
public class ApiKeys {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Members members;

	private final ServiceAccounts serviceAccounts;

	private final AuditLog audit;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, TenantTransactions tx, Members members, ServiceAccounts serviceAccounts, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.members = members;
		this.serviceAccounts = serviceAccounts;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Issues a key for a member or service account. Nobody hands out more than they have: the key's role must not
	 * exceed the issuer's role, and a key never exceeds its holder's role.
	 */
	public IssuedApiKey issue(OrgId orgId, KeyHolder holder, String name, Role role, Instant expiresAt,
			Actor issuer, Role issuerRole) {
		if (!issuerRole.includes(role)) {
			throw new ForbiddenException("cannot issue a " + role + " key with role " + issuerRole);
		}
		var now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new InvalidRequestException("expiresAt must lie in the future");
		}
		var keyName = Names.require(name, "name");
		return tx.write(orgId, () -> {
			var holderRole = switch (holder) {
				case KeyHolder.User user -> members.get(orgId, user.userId()).role();
				case KeyHolder.ServiceAccount sa -> serviceAccounts.get(orgId, sa.serviceAccountId()).role();
			};
			if (!holderRole.includes(role)) {
				throw new InvalidRequestException(
						"a key's role cannot exceed its holder's role (" + holderRole + "), asked for " + role);
			}
			var secret = ApiKeySecrets.generate();
			var key = new ApiKey(orgId, new ApiKeyId(UUID.randomUUID()), keyName, ApiKeySecrets.prefixOf(secret),
					holder, role, now, expiresAt, null, null);
			jdbc.sql("""
					insert into api_keys (org_id, key_id, name, prefix, key_hash, holder_kind, holder_id, role,
					                      created_at, expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(orgId.value(), key.id().value(), keyName, key.prefix(), ApiKeySecrets.hash(secret),
						holder.kind().name(), holder.id(), role.name(), Timestamp.from(now),
						expiresAt == null ? null : Timestamp.from(expiresAt))
				.update();
			var details = new LinkedHashMap<String, Object>();
			details.put("name", keyName);
			details.put("prefix", key.prefix());
			details.put("role", role.name());
			details.put("holder", holder.kind() + ":" + holder.id());
			audit.record(orgId, issuer, "api_key.created", "api_key", key.id().toString(), details);
			return new IssuedApiKey(key, secret);
		});
	}

	public Page<ApiKey> list(OrgId orgId, PageRequest page) {
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from api_keys where org_id = ? and key_id::text > ? order by key_id::text limit ?""")
			.params(orgId.value(), page.cursor().orElse(""), page.limit() + 1)
			.query(ApiKeys::map)
			.list(), page.limit(), key -> key.id().toString()));
	}

	public ApiKey get(OrgId orgId, ApiKeyId keyId) {
		return tx.read(orgId, () -> jdbc.sql("select * from api_keys where org_id = ? and key_id = ?")
			.params(orgId.value(), keyId.value())
			.query(ApiKeys::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("api key", keyId)));
	}

	/** Revoking twice is harmless: the first revocation time stays. */
	public ApiKey revoke(OrgId orgId, ApiKeyId keyId, Actor actor) {
		return tx.write(orgId, () -> {
			int changed = jdbc.sql("""
					update api_keys set revoked_at = ? where org_id = ? and key_id = ? and revoked_at is null""")
				.params(Timestamp.from(clock.instant()), orgId.value(), keyId.value())
				.update();
			var key = get(orgId, keyId);
			if (changed > 0) {
				audit.record(orgId, actor, "api_key.revoked", "api_key", keyId.toString(),
						java.util.Map.of("prefix", key.prefix()));
			}
			return key;
		});
	}

	/** Checks a presented key. Cross-tenant by nature (the tenant is what we are finding out). */
	/**
	 * The public prefix of something presented as a key (what listings show), or empty when it has not the shape of
	 * one. Says nothing about whether such a key exists.
	 */
	public static Optional<String> prefixOf(String presented) {
		return ApiKeySecrets.looksLikeKey(presented) ? Optional.of(ApiKeySecrets.prefixOf(presented))
				: Optional.empty();
	}

	public Optional<CallerIdentity> authenticateAcrossTenants(String presented) {
		if (!ApiKeySecrets.looksLikeKey(presented)) {
			return Optional.empty();
		}
		return jdbc.sql("select * from authenticate_api_key(?, ?)")
			.params(ApiKeySecrets.hash(presented), Timestamp.from(clock.instant()))
			.query((rs, row) -> new CallerIdentity(new OrgId(rs.getObject("org_id", UUID.class)),
					KeyHolder.of(rs.getString("holder_kind"), rs.getObject("holder_id", UUID.class)).actor(),
					Role.valueOf(rs.getString("role")), "api_key:" + rs.getObject("key_id", UUID.class)))
			.optional();
	}

	@EventListener
	void revokeKeysOfRemovedMember(MemberRemoved removed) {
		revokeAllOf(removed.orgId(), new KeyHolder.User(removed.userId()));
	}

	@EventListener
	void revokeKeysOfDeletedServiceAccount(ServiceAccountDeleted deleted) {
		revokeAllOf(deleted.orgId(), new KeyHolder.ServiceAccount(deleted.serviceAccountId()));
	}

	void revokeAllOf(OrgId orgId, KeyHolder holder) {
		tx.writeVoid(orgId, () -> jdbc.sql("""
				update api_keys set revoked_at = ?
				where org_id = ? and holder_kind = ? and holder_id = ? and revoked_at is null""")
			.params(Timestamp.from(clock.instant()), orgId.value(), holder.kind().name(), holder.id())
			.update());
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(new OrgId(rs.getObject("org_id", UUID.class)),
				new ApiKeyId(rs.getObject("key_id", UUID.class)), rs.getString("name"), rs.getString("prefix"),
				KeyHolder.of(rs.getString("holder_kind"), rs.getObject("holder_id", UUID.class)),
				Role.valueOf(rs.getString("role")), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "revoked_at"), instant(rs, "last_used_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		var ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}
}
