package io.runledger.api.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;

/** Discussion on a report or one of its blocks. Anyone who may read the report may comment, viewers included. */
@Component
class ReportComments {

	static final int MAX_BODY = 10_000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Reports reports;

	private final Clock clock;

	ReportComments(JdbcClient jdbc, TenantTransactions tx, Reports reports, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.reports = reports;
		this.clock = clock;
	}

	/** {@code blockId} null: on the report as a whole. */
	record Comment(CommentId id, ReportId reportId, String blockId, String body, String author, Instant createdAt) {
	}

	Comment add(OrgId orgId, ReportId reportId, String blockId, String body, Actor author) {
		if (body == null || body.isBlank()) {
			throw new InvalidRequestException("body must not be blank");
		}
		if (body.length() > MAX_BODY) {
			throw new InvalidRequestException("body must be at most " + MAX_BODY + " characters");
		}
		var report = reports.get(orgId, reportId);
		// A block comment must point at a block that exists now; later versions may drop it, the comment stays.
		if (blockId != null && report.content().block(blockId).isEmpty()) {
			throw new InvalidRequestException("blockId '" + blockId + "' names no block of the report's current version");
		}
		var comment = new Comment(new CommentId(UUID.randomUUID()), reportId, blockId, body, Reports.who(author),
				clock.instant());
		tx.writeVoid(orgId, () -> jdbc.sql("""
				insert into report_comments (org_id, comment_id, report_id, block_id, body, author, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(orgId.value(), comment.id().value(), reportId.value(), blockId, body, comment.author(),
					Timestamp.from(comment.createdAt()))
			.update());
		return comment;
	}

	List<Comment> list(OrgId orgId, ReportId reportId) {
		return tx.read(orgId, () -> {
			reports.get(orgId, reportId);
			return jdbc.sql("""
					select * from report_comments where org_id = ? and report_id = ? order by created_at, comment_id""")
				.params(orgId.value(), reportId.value())
				.query((rs, row) -> new Comment(new CommentId(rs.getObject("comment_id", UUID.class)), reportId,
						rs.getString("block_id"), rs.getString("body"), rs.getString("author"),
						rs.getTimestamp("created_at").toInstant()))
				.list();
		});
	}
}
