package io.runledger.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Projects group an organisation's runs. Plain CRUD: no rules beyond a slug unique per organisation. */
@Component
public class Projects {

	public static final int MAX_DESCRIPTION = 10_000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final AuditLog audit;

	private final Clock clock;

	Projects(JdbcClient jdbc, TenantTransactions tx, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.clock = clock;
	}

	public Project create(OrgId orgId, Slug slug, String name, String description) {
		var project = new Project(orgId, ProjectId.random(), slug, Names.require(name, "name"),
				description(description), clock.instant());
		try {
			return tx.write(orgId, () -> {
				jdbc.sql("""
						insert into projects (org_id, project_id, slug, name, description, created_at)
						values (?, ?, ?, ?, ?, ?)""")
					.params(orgId.value(), project.id().value(), slug.value(), project.name(), project.description(),
							Timestamp.from(project.createdAt()))
					.update();
				return project;
			});
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("a project with slug '" + slug + "' already exists in this organisation");
		}
	}

	public Project get(OrgId orgId, ProjectId projectId) {
		return tx.read(orgId, () -> jdbc.sql("select * from projects where org_id = ? and project_id = ?")
			.params(orgId.value(), projectId.value())
			.query(Projects::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("project", projectId)));
	}

	public Project getBySlug(OrgId orgId, Slug slug) {
		return tx.read(orgId, () -> jdbc.sql("select * from projects where org_id = ? and slug = ?")
			.params(orgId.value(), slug.value())
			.query(Projects::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("project", slug)));
	}

	/** Ordered by slug; the cursor is the last slug returned. */
	public Page<Project> list(OrgId orgId, PageRequest page) {
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from projects where org_id = ? and slug > ? order by slug limit ?""")
			.params(orgId.value(), page.cursor().orElse(""), page.limit() + 1)
			.query(Projects::map)
			.list(), page.limit(), project -> project.slug().value()));
	}

	public Project update(OrgId orgId, ProjectId projectId, String name, String description) {
		return tx.write(orgId, () -> {
			var current = get(orgId, projectId);
			var newName = name == null ? current.name() : Names.require(name, "name");
			var newDescription = description == null ? current.description() : description(description);
			jdbc.sql("update projects set name = ?, description = ? where org_id = ? and project_id = ?")
				.params(newName, newDescription, orgId.value(), projectId.value())
				.update();
			return new Project(orgId, projectId, current.slug(), newName, newDescription, current.createdAt());
		});
	}

	public void delete(OrgId orgId, ProjectId projectId, Actor actor) {
		tx.writeVoid(orgId, () -> {
			int deleted = jdbc.sql("delete from projects where org_id = ? and project_id = ?")
				.params(orgId.value(), projectId.value())
				.update();
			if (deleted == 0) {
				throw new NotFoundException("project", projectId);
			}
			audit.record(orgId, actor, "project.deleted", "project", projectId.toString(), Map.of());
		});
	}

	private static String description(String description) {
		if (description == null) {
			return "";
		}
		if (description.length() > MAX_DESCRIPTION) {
			throw new InvalidRequestException("description must be at most " + MAX_DESCRIPTION + " characters");
		}
		return description;
	}

	private static Project map(ResultSet rs, int row) throws SQLException {
		return new Project(new OrgId(rs.getObject("org_id", UUID.class)),
				new ProjectId(rs.getObject("project_id", UUID.class)), new Slug(rs.getString("slug")),
				rs.getString("name"), rs.getString("description"), rs.getTimestamp("created_at").toInstant());
	}
}
