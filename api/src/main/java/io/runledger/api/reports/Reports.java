package io.runledger.api.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project's reports and their history. Every save appends a version; a save names the version it was based on
 * and is refused with 409 if the report has moved on since, so concurrent editors never overwrite each other.
 */
@Component
class Reports {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final RunSets runSets;

	private final Clock clock;

	private final AuditLog audit;

	Reports(JdbcClient jdbc, TenantTransactions tx, Projects projects, RunSets runSets, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.runSets = runSets;
		this.clock = clock;
	}

	static String who(Actor actor) {
		return actor.kind().name() + ":" + actor.id();
	}

	Report create(OrgId orgId, ProjectId projectId, ReportContent content, Actor actor) {
		projects.get(orgId, projectId);
		runSets.requireFixedRunsInProject(orgId, projectId, content);
		var id = ReportId.random();
		var now = Timestamp.from(clock.instant());
		return tx.write(orgId, () -> {
			jdbc.sql("""
					insert into reports (org_id, report_id, project_id, version, title, description, blocks,
					                     created_by, created_at, updated_by, updated_at)
					values (?, ?, ?, 1, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
				.params(orgId.value(), id.value(), projectId.value(), content.title(), content.description(),
						blocks(content), who(actor), now, who(actor), now)
				.update();
			appendVersion(orgId, id, 1, content, actor, now, null);
			return get(orgId, id);
		});
	}

	Report get(OrgId orgId, ReportId id) {
		return tx.read(orgId, () -> jdbc.sql("select * from reports where org_id = ? and report_id = ?")
			.params(orgId.value(), id.value())
			.query(Reports::report)
			.optional()
			.orElseThrow(() -> new NotFoundException("report", id)));
	}

	List<Report> list(OrgId orgId, ProjectId projectId) {
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			return jdbc.sql("select * from reports where org_id = ? and project_id = ? order by updated_at desc, report_id")
				.params(orgId.value(), projectId.value())
				.query(Reports::report)
				.list();
		});
	}

	/**
	 * Saves new content as the next version, if {@code basedOn} is still the current version.
	 * @throws ConflictException with the current version and its author when someone saved in between
	 */
	Report save(OrgId orgId, ReportId id, int basedOn, ReportContent content, Actor actor) {
		return save(orgId, id, basedOn, content, actor, null);
	}

	/** A restore is a save of an old version's content: history only ever grows. */
	Report restore(OrgId orgId, ReportId id, int version, int basedOn, Actor actor) {
		var old = version(orgId, id, version);
		return save(orgId, id, basedOn, old.content(), actor, version);
	}

	private Report save(OrgId orgId, ReportId id, int basedOn, ReportContent content, Actor actor,
			Integer restoredFrom) {
		var current = get(orgId, id);
		runSets.requireFixedRunsInProject(orgId, current.projectId(), content);
		var now = Timestamp.from(clock.instant());
		return tx.write(orgId, () -> {
			var saved = jdbc.sql("""
					update reports set version = version + 1, title = ?, description = ?, blocks = ?::jsonb,
					                   updated_by = ?, updated_at = ?
					where org_id = ? and report_id = ? and version = ? returning version""")
				.params(content.title(), content.description(), blocks(content), who(actor), now, orgId.value(),
						id.value(), basedOn)
				.query(Integer.class)
				.optional();
			if (saved.isEmpty()) {
				var latest = get(orgId, id);
				throw new ConflictException("report was saved by someone else meanwhile: it is at version "
						+ latest.version() + " (saved by " + latest.updatedBy() + " at " + latest.updatedAt()
						+ "), this save was based on version " + basedOn + "; reload and apply your changes again");
			}
			appendVersion(orgId, id, saved.get(), content, actor, now, restoredFrom);
			if (restoredFrom != null) {
				audit.record(orgId, actor, "report.restored", "report", id.toString(),
						Map.of("restoredFrom", restoredFrom, "version", saved.get()));
			}
			return get(orgId, id);
		});
	}

	/** Deletes a report with its versions, comments and share links; audited in the same transaction. */
	void delete(OrgId orgId, ReportId id, Actor actor) {
		tx.writeVoid(orgId, () -> {
			var title = jdbc.sql("delete from reports where org_id = ? and report_id = ? returning title")
				.params(orgId.value(), id.value())
				.query(String.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("report", id));
			audit.record(orgId, actor, "report.deleted", "report", id.toString(), Map.of("title", title));
		});
	}

	List<ReportVersion> versions(OrgId orgId, ReportId id) {
		return tx.read(orgId, () -> {
			get(orgId, id);
			return jdbc.sql("select * from report_versions where org_id = ? and report_id = ? order by version desc")
				.params(orgId.value(), id.value())
				.query(Reports::version)
				.list();
		});
	}

	ReportVersion version(OrgId orgId, ReportId id, int version) {
		return tx.read(orgId, () -> {
			get(orgId, id);
			return jdbc.sql("select * from report_versions where org_id = ? and report_id = ? and version = ?")
				.params(orgId.value(), id.value(), version)
				.query(Reports::version)
				.optional()
				.orElseThrow(() -> new NotFoundException("version", id + "/" + version));
		});
	}

	private void appendVersion(OrgId orgId, ReportId id, int version, ReportContent content, Actor actor,
			Timestamp at, Integer restoredFrom) {
		jdbc.sql("""
				insert into report_versions (org_id, report_id, version, title, description, blocks, saved_by,
				                             saved_at, restored_from)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
			.params(orgId.value(), id.value(), version, content.title(), content.description(), blocks(content),
					who(actor), at, restoredFrom)
			.update();
	}

	private static String blocks(ReportContent content) {
		return ReportJson.write(content.blocks()).toString();
	}

	private static ReportContent content(ResultSet rs) throws SQLException {
		return new ReportContent(rs.getString("title"), rs.getString("description"),
				ReportJson.blocks(JSON.readTree(rs.getString("blocks"))));
	}

	private static Report report(ResultSet rs, int row) throws SQLException {
		return new Report(new ReportId(rs.getObject("report_id", UUID.class)),
				new ProjectId(rs.getObject("project_id", UUID.class)), rs.getInt("version"), content(rs),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static ReportVersion version(ResultSet rs, int row) throws SQLException {
		return new ReportVersion(new ReportId(rs.getObject("report_id", UUID.class)), rs.getInt("version"),
				content(rs), rs.getString("saved_by"), rs.getTimestamp("saved_at").toInstant(),
				rs.getObject("restored_from", Integer.class));
	}
}
