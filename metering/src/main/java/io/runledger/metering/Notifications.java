package io.runledger.metering;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
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

	/** Newest first; pages are stable while notifications are added. */
	public Page<Notification> list(OrgId orgId, PageRequest page) {
		var params = new ArrayList<Object>(List.of(orgId.value()));
		page.cursor().map(Notifications::parseCursor).ifPresent(params::addAll);
		params.add(page.limit() + 1);
		return tx.read(orgId, () -> Page.of(jdbc.sql("select * from notifications where org_id = ?"
				+ (page.cursor().isPresent() ? " and (created_at, notification_id) < (?, ?)" : "")
				+ " order by created_at desc, notification_id desc limit ?")
			.params(params)
			.query((rs, row) -> new Notification(rs.getObject("notification_id", UUID.class), rs.getString("kind"),
					rs.getString("title"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list(), page.limit(), n -> n.createdAt() + "|" + n.id()));
	}

	/** A cursor's sort key: the creation time and id of the last notification of the previous page. */
	private static List<Object> parseCursor(String cursor) {
		var parts = cursor.split("\\|", -1);
		try {
			return List.of(Timestamp.from(Instant.parse(parts[0])), UUID.fromString(parts[1]));
		}
		catch (RuntimeException e) {
			throw new InvalidRequestException("cursor is malformed; pass back the nextCursor of the previous page");
		}
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
