package io.runledger.api.views;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.auth.CallerIdentity;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.ForbiddenException;
import io.runledger.tenancy.Names;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project's saved views. Everyone who reads the project reads them; a member changes the views they created, an
 * admin any (the permission table cannot say "own", so that rule is here). Names are unique per project, decided
 * by the table's unique key, so two people saving "baseline" at once get one view and one 409.
 */
@Component
class SavedViews {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final Clock clock;

	SavedViews(JdbcClient jdbc, TenantTransactions tx, Projects projects, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.clock = clock;
	}

	static String who(Actor actor) {
		return actor.kind().name() + ":" + actor.id();
	}

	/** Whether the caller may update or delete the view: its creator, or an admin. */
	static boolean mayChange(CallerIdentity caller, SavedView view) {
		return caller.role().includes(Role.ADMIN) || view.createdBy().equals(who(caller.actor()));
	}

	SavedView create(OrgId orgId, ProjectId projectId, String name, ViewLayout layout, Actor actor) {
		projects.get(orgId, projectId);
		var checkedName = Names.require(name, "name");
		var id = SavedViewId.random();
		var now = Timestamp.from(clock.instant());
		return tx.write(orgId, () -> {
			int inserted = jdbc.sql("""
					insert into saved_views (org_id, view_id, project_id, name, state, created_by, created_at,
					                         updated_by, updated_at)
					values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
					on conflict (org_id, project_id, name) do nothing""")
				.params(orgId.value(), id.value(), projectId.value(), checkedName, JSON.writeValueAsString(layout),
						who(actor), now, who(actor), now)
				.update();
			if (inserted == 0) {
				throw nameTaken(checkedName);
			}
			return get(orgId, id);
		});
	}

	SavedView get(OrgId orgId, SavedViewId id) {
		return tx.read(orgId, () -> jdbc.sql("select * from saved_views where org_id = ? and view_id = ?")
			.params(orgId.value(), id.value())
			.query(SavedViews::view)
			.optional()
			.orElseThrow(() -> new NotFoundException("view", id)));
	}

	/** Ordered by name; the cursor is the last name returned. */
	Page<SavedView> list(OrgId orgId, ProjectId projectId, PageRequest page) {
		return tx.read(orgId, () -> {
			projects.get(orgId, projectId);
			return Page.of(jdbc.sql("""
					select * from saved_views where org_id = ? and project_id = ? and name > ?
					order by name limit ?""")
				.params(orgId.value(), projectId.value(), page.cursor().orElse(""), page.limit() + 1)
				.query(SavedViews::view)
				.list(), page.limit(), SavedView::name);
		});
	}

	/** Replaces the view's name and layout. */
	SavedView update(CallerIdentity caller, SavedViewId id, String name, ViewLayout layout) {
		var orgId = caller.orgId();
		var checkedName = Names.require(name, "name");
		var now = Timestamp.from(clock.instant());
		return tx.write(orgId, () -> {
			requireMayChange(caller, get(orgId, id));
			try {
				jdbc.sql("""
						update saved_views set name = ?, state = ?::jsonb, updated_by = ?, updated_at = ?
						where org_id = ? and view_id = ?""")
					.params(checkedName, JSON.writeValueAsString(layout), who(caller.actor()), now, orgId.value(),
							id.value())
					.update();
			}
			catch (DuplicateKeyException e) {
				throw nameTaken(checkedName);
			}
			return get(orgId, id);
		});
	}

	void delete(CallerIdentity caller, SavedViewId id) {
		tx.writeVoid(caller.orgId(), () -> {
			requireMayChange(caller, get(caller.orgId(), id));
			jdbc.sql("delete from saved_views where org_id = ? and view_id = ?")
				.params(caller.orgId().value(), id.value())
				.update();
		});
	}

	private static void requireMayChange(CallerIdentity caller, SavedView view) {
		if (!mayChange(caller, view)) {
			throw new ForbiddenException("view '" + view.name() + "' was created by " + view.createdBy()
					+ "; only its creator or an admin may change it (save your changes as a new view instead)");
		}
	}

	private static ConflictException nameTaken(String name) {
		return new ConflictException("a view named '" + name + "' already exists in this project; choose another "
				+ "name or update that view");
	}

	private static SavedView view(ResultSet rs, int row) throws SQLException {
		return new SavedView(new SavedViewId(rs.getObject("view_id", UUID.class)),
				new ProjectId(rs.getObject("project_id", UUID.class)), rs.getString("name"),
				JSON.readValue(rs.getString("state"), ViewLayout.class), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
				rs.getTimestamp("updated_at").toInstant());
	}
}
