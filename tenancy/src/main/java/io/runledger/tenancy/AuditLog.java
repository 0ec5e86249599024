package io.runledger.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security and administration history: who did what, to what, when. Rows are written in the same transaction as the
 * change they describe; the application role cannot update or delete them.
 */
@Component
public class AuditLog {

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	AuditLog(JdbcClient jdbc, TenantTransactions tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	public void record(OrgId orgId, Actor actor, String action, String targetKind, String targetId,
			Map<String, ?> details) {
		tx.writeVoid(orgId, () -> jdbc.sql("""
				insert into audit_log (org_id, at, actor_kind, actor_id, action, target_kind, target_id, details)
				values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
			.params(orgId.value(), java.sql.Timestamp.from(clock.instant()), actor.kind().name(), actor.id(), action,
					targetKind, targetId, json.writeValueAsString(details))
			.update());
	}

	/** Entries matching the query, newest first. */
	public Page<AuditEntry> list(OrgId orgId, AuditQuery query, PageRequest page) {
		long before = page.cursor().map(AuditLog::parseCursor).orElse(Long.MAX_VALUE);
		return tx.read(orgId, () -> Page.of(select(orgId, query, before, page.limit() + 1), page.limit(),
				entry -> Long.toString(entry.id())));
	}

	/**
	 * Hands every matching entry, newest first, to {@code sink}, reading a page at a time in its own short
	 * transaction, so an export of any size holds neither memory nor a transaction open while the client reads.
	 */
	public void forEach(OrgId orgId, AuditQuery query, Consumer<AuditEntry> sink) {
		long before = Long.MAX_VALUE;
		while (true) {
			long after = before;
			var batch = tx.read(orgId, () -> select(orgId, query, after, PageRequest.MAX_LIMIT));
			batch.forEach(sink);
			if (batch.size() < PageRequest.MAX_LIMIT) {
				return;
			}
			before = batch.getLast().id();
		}
	}

	private List<AuditEntry> select(OrgId orgId, AuditQuery query, long before, int limit) {
		var sql = new StringBuilder("select * from audit_log where org_id = ? and audit_id < ?");
		var params = new ArrayList<Object>(List.of(orgId.value(), before));
		query.actorKind().ifPresent(k -> {
			sql.append(" and actor_kind = ?");
			params.add(k.name());
		});
		query.actorId().ifPresent(a -> {
			sql.append(" and actor_id = ?");
			params.add(a);
		});
		query.actionPattern().ifPresent(a -> {
			sql.append(a.endsWith("%") ? " and action like ?" : " and action = ?");
			params.add(a);
		});
		query.from().ifPresent(f -> {
			sql.append(" and at >= ?");
			params.add(java.sql.Timestamp.from(f));
		});
		query.to().ifPresent(t -> {
			sql.append(" and at < ?");
			params.add(java.sql.Timestamp.from(t));
		});
		sql.append(" order by audit_id desc limit ?");
		params.add(limit);
		return jdbc.sql(sql.toString()).params(params).query(this::map).list();
	}

	private static long parseCursor(String cursor) {
		try {
			return Long.parseLong(cursor);
		}
		catch (NumberFormatException e) {
			throw new InvalidRequestException("cursor is malformed; pass back the nextCursor of the previous page");
		}
	}

	private AuditEntry map(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("audit_id"), new OrgId(rs.getObject("org_id", java.util.UUID.class)),
				rs.getTimestamp("at").toInstant(),
				new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
				rs.getString("action"), rs.getString("target_kind"), rs.getString("target_id"),
				json.readValue(rs.getString("details"), DETAILS));
	}
}
