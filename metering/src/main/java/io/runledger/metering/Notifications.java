package io.runledger.metering;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/** In-app notifications of an organisation (budget alerts today), newest first. */
@Component
public class Notifications {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Clock clock;

	Notifications(JdbcClient jdbc, TenantTransactions tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	public record Notification(UUID id, String kind, String title, String body, Instant createdAt, Instant readAt) {
	}

	public List<Notification> recent(OrgId orgId, int limit) {
		return tx.read(orgId, () -> jdbc.sql("""
				select * from notifications where org_id = ? order by created_at desc, notification_id limit ?""")
			.params(orgId.value(), Math.max(1, Math.min(limit, 500)))
			.query((rs, row) -> new Notification(rs.getObject("notification_id", UUID.class), rs.getString("kind"),
					rs.getString("title"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list());
	}

	public void markRead(OrgId orgId, UUID id) {
		tx.writeVoid(orgId, () -> {
			if (jdbc.sql("""
					update notifications set read_at = coalesce(read_at, ?) where org_id = ? and notification_id = ?""")
				.params(Timestamp.from(clock.instant()), orgId.value(), id)
				.update() == 0) {
				throw new NotFoundException("notification", id);
			}
		});
	}

	/** Inside the caller's tenant transaction. */
	void add(OrgId orgId, String kind, String title, String body) {
		jdbc.sql("""
				insert into notifications (org_id, notification_id, kind, title, body, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(orgId.value(), UUID.randomUUID(), kind, title, body, Timestamp.from(clock.instant()))
			.update();
	}
}
