package io.runledger.api.mlflow;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.ProjectRunLifecycle;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.Names;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Slug;
import io.runledger.tenancy.TenantTransactions;

/**
 * MLflow experiments over our projects (see the package documentation for the mapping). Every experiment is a project
 * plus a row in {@code mlflow_experiments}; projects made through the native API get their row the first time an MLflow
 * call could see them. Experiment "0" is the organisation's default project, made on first use.
 */
@Component
class MlflowExperiments {

	static final String DEFAULT_ID = "0";

	static final String DEFAULT_NAME = "Default";

	static final String ACTIVE = "active";

	static final String DELETED = "deleted";

	/** Artifact URIs our own proxy serves; {@code mlflow-artifacts:/<path>}, never with a host. */
	static final String ARTIFACT_SCHEME = "mlflow-artifacts:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Projects projects;

	private final ProjectRunLifecycle runLifecycle;

	private final Clock clock;

	private final List<String> allowedLocations;

	private final AuditLog audit;

	MlflowExperiments(JdbcClient jdbc, TenantTransactions tx, Projects projects, ProjectRunLifecycle runLifecycle,
			Clock clock, MlflowProperties properties, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.projects = projects;
		this.runLifecycle = runLifecycle;
		this.clock = clock;
		this.allowedLocations = properties.artifactLocations().stream()
			.map(prefix -> prefix.endsWith("/") ? prefix : prefix + "/")
			.toList();
	}

	record Experiment(ProjectId projectId, String experimentId, String name, String lifecycleStage,
			String artifactLocation, Instant createdAt, Instant updatedAt, Map<String, String> tags) {

		boolean active() {
			return ACTIVE.equals(lifecycleStage);
		}
	}

	/** How runs of a project show their experiment: its MLflow id and the root of its runs' artifact URIs. */
	record Ref(String experimentId, String artifactRoot) {

		String artifactUri(String runHex) {
			return artifactRoot + "/" + runHex + "/artifacts";
		}
	}

	// ------------------------------------------------------------------------------------------------ ids

	Optional<ProjectId> defaultProject(OrgId orgId) {
		return tx.read(orgId, () -> jdbc.sql("select project_id from mlflow_default_experiments where org_id = ?")
			.params(orgId.value())
			.query(UUID.class)
			.optional()
			.map(ProjectId::new));
	}

	/** The project an experiment id names, making experiment "0" and native projects' rows when first needed. */
	ProjectId resolve(OrgId orgId, String experimentId) {
		if (DEFAULT_ID.equals(experimentId == null ? null : experimentId.strip())) {
			return ensureDefault(orgId);
		}
		var uuid = MlflowIds.uuid(experimentId).orElseThrow(() -> noSuchExperiment(experimentId));
		var projectId = new ProjectId(uuid);
		ensureRow(orgId, projectId, experimentId);
		return projectId;
	}

	/** Like {@link #resolve} but empty, instead of an error, for an id that names nothing here. */
	Optional<ProjectId> find(OrgId orgId, String experimentId) {
		try {
			return Optional.of(resolve(orgId, experimentId));
		}
		catch (MlflowException e) {
			if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
				return Optional.empty();
			}
			throw e;
		}
	}

	/** The MLflow view of these projects' runs: experiment id ("0" for the default) and artifact root. */
	Map<ProjectId, Ref> refs(OrgId orgId, Collection<ProjectId> projectIds) {
		var defaultProject = defaultProject(orgId).orElse(null);
		var locations = new HashMap<UUID, String>();
		tx.read(orgId, () -> {
			jdbc.sql("select project_id, artifact_location from mlflow_experiments where org_id = ? and project_id = any(?)")
				.params(orgId.value(), projectIds.stream().map(ProjectId::value).distinct().toArray(UUID[]::new))
				.query(rs -> {
					locations.put(rs.getObject(1, UUID.class), rs.getString(2));
				});
			return null;
		});
		var refs = new HashMap<ProjectId, Ref>();
		for (var projectId : projectIds) {
			var id = projectId.equals(defaultProject) ? DEFAULT_ID : projectId.toString();
			var location = locations.get(projectId.value());
			refs.put(projectId, new Ref(id, location == null ? defaultArtifactLocation(id) : location));
		}
		return refs;
	}

	Ref ref(OrgId orgId, ProjectId projectId) {
		return refs(orgId, List.of(projectId)).get(projectId);
	}

	static String defaultArtifactLocation(String experimentId) {
		return ARTIFACT_SCHEME + "/" + experimentId;
	}

	// ------------------------------------------------------------------------------------------------ reads

	Experiment get(OrgId orgId, String experimentId) {
		return load(orgId, resolve(orgId, experimentId), experimentId);
	}

	Optional<Experiment> byName(OrgId orgId, String name) {
		ensureAll(orgId);
		var projectId = tx.read(orgId, () -> jdbc.sql("select project_id from mlflow_experiments where org_id = ? and name = ?")
			.params(orgId.value(), name)
			.query(UUID.class)
			.optional());
		return projectId.map(id -> load(orgId, new ProjectId(id), id.toString()));
	}

	private Experiment load(OrgId orgId, ProjectId projectId, String askedAs) {
		var defaultProject = defaultProject(orgId).orElse(null);
		return tx.read(orgId, () -> {
			var rows = jdbc.sql("select * from mlflow_experiments where org_id = ? and project_id = ?")
				.params(orgId.value(), projectId.value())
				.query((rs, i) -> map(rs, defaultProject))
				.list();
			if (rows.isEmpty()) {
				throw noSuchExperiment(askedAs);
			}
			return withTags(orgId, rows).getFirst();
		});
	}

	private List<Experiment> withTags(OrgId orgId, List<Experiment> experiments) {
		if (experiments.isEmpty()) {
			return experiments;
		}
		var tags = new HashMap<UUID, Map<String, String>>();
		jdbc.sql("select project_id, key, value from mlflow_experiment_tags where org_id = ? and project_id = any(?) "
				+ "order by key")
			.params(orgId.value(), experiments.stream().map(e -> e.projectId().value()).toArray(UUID[]::new))
			.query(rs -> {
				tags.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
					.put(rs.getString(2), rs.getString(3));
			});
		return experiments.stream()
			.map(e -> new Experiment(e.projectId(), e.experimentId(), e.name(), e.lifecycleStage(),
					e.artifactLocation(), e.createdAt(), e.updatedAt(),
					tags.getOrDefault(e.projectId().value(), Map.of())))
			.toList();
	}

	private static Experiment map(ResultSet rs, ProjectId defaultProject) throws SQLException {
		var projectId = new ProjectId(rs.getObject("project_id", UUID.class));
		var id = projectId.equals(defaultProject) ? DEFAULT_ID : projectId.toString();
		var location = rs.getString("artifact_location");
		return new Experiment(projectId, id, rs.getString("name"), rs.getString("lifecycle_stage"),
				location == null ? defaultArtifactLocation(id) : location, rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), Map.of());
	}

	// ------------------------------------------------------------------------------------------------ search

	record Page(List<Experiment> experiments, String nextPageToken) {
	}

	enum ViewType {

		ACTIVE_ONLY, DELETED_ONLY, ALL;

		/** A view type as a name or as the protobuf enum number (1, 2, 3); {@code null} means ACTIVE_ONLY. */
		static ViewType parse(String text) {
			if (text == null || text.isEmpty()) {
				return ACTIVE_ONLY;
			}
			switch (text.strip().toUpperCase(Locale.ROOT)) {
				case "ACTIVE_ONLY", "1" -> {
					return ACTIVE_ONLY;
				}
				case "DELETED_ONLY", "2" -> {
					return DELETED_ONLY;
				}
				case "ALL", "3" -> {
					return ALL;
				}
				default -> throw MlflowException.invalid("Invalid view type '" + Printable.abbreviate(text)
						+ "'; use ACTIVE_ONLY, DELETED_ONLY or ALL");
			}
		}
	}

	Page search(OrgId orgId, String filter, List<String> orderBy, ViewType view, int maxResults, String pageToken) {
		if (maxResults < 1 || maxResults > 50_000) {
			throw MlflowException.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied. "
					+ "It must be between 1 and 50000.");
		}
		int offset = Offsets.decode(pageToken);
		var where = new StringBuilder("e.org_id = ?");
		var params = new ArrayList<Object>();
		params.add(orgId.value());
		switch (view) {
			case ACTIVE_ONLY -> where.append(" and e.lifecycle_stage = 'active'");
			case DELETED_ONLY -> where.append(" and e.lifecycle_stage = 'deleted'");
			case ALL -> {
			}
		}
		for (var c : MlflowFilter.conjunction(filter)) {
			where.append(" and ");
			condition(c, where, params);
		}
		var order = order(orderBy);
		ensureAll(orgId);
		var defaultProject = defaultProject(orgId).orElse(null);
		params.add(maxResults + 1);
		params.add(offset);
		var rows = tx.read(orgId, () -> withTags(orgId, jdbc
			.sql("select e.* from mlflow_experiments e where " + where + " order by " + order + " limit ? offset ?")
			.params(params)
			.query((rs, i) -> map(rs, defaultProject))
			.list()));
		String next = null;
		if (rows.size() > maxResults) {
			rows = rows.subList(0, maxResults);
			next = Offsets.encode(offset + maxResults);
		}
		return new Page(rows, next);
	}

	private static void condition(MlflowFilter.Comparison c, StringBuilder where, List<Object> params) {
		var field = c.field();
		var op = c.operator();
		if (field.type().equals("tag")) {
			stringOperator(op, "tag");
			where.append("exists (select 1 from mlflow_experiment_tags t where t.org_id = e.org_id")
				.append(" and t.project_id = e.project_id and t.key = ? and t.value ")
				.append(op.equals("!=") ? "<>" : op)
				.append(" ?)");
			params.add(field.key());
			params.add(quoted(c, "tag"));
			return;
		}
		if (!field.type().equals("attribute")) {
			throw MlflowException.invalid("Invalid entity type '" + field.type()
					+ "' in an experiment filter; use attribute.name, attribute.creation_time, "
					+ "attribute.last_update_time or tags.<key>");
		}
		switch (field.key()) {
			case "name" -> {
				stringOperator(op, "name");
				where.append("e.name ").append(op.equals("!=") ? "<>" : op).append(" ?");
				params.add(quoted(c, "name"));
			}
			case "creation_time", "last_update_time" -> {
				if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op) || c.value().quoted()) {
					throw MlflowException.invalid("Invalid comparison for attribute '" + field.key()
							+ "': use =, !=, <, <=, >, >= with a number of epoch milliseconds");
				}
				long millis;
				try {
					millis = (long) Double.parseDouble(c.value().text());
				}
				catch (NumberFormatException e) {
					throw MlflowException.invalid("Invalid value for attribute '" + field.key() + "'");
				}
				where.append(field.key().equals("creation_time") ? "e.created_at " : "e.updated_at ")
					.append(op.equals("!=") ? "<>" : op)
					.append(" ?");
				params.add(Timestamp.from(Instant.ofEpochMilli(millis)));
			}
			default -> throw MlflowException.invalid("Invalid attribute key '" + Printable.abbreviate(field.key())
					+ "' specified. Valid keys are name, creation_time, last_update_time");
		}
	}

	private static void stringOperator(String op, String what) {
		if (!List.of("=", "!=", "LIKE", "ILIKE").contains(op)) {
			throw MlflowException.invalid("Invalid comparator '" + op + "' for " + what + "; use =, !=, LIKE or ILIKE");
		}
	}

	private static String quoted(MlflowFilter.Comparison c, String what) {
		if (!c.value().quoted()) {
			throw MlflowException.invalid("Invalid value for " + what + ": strings must be quoted");
		}
		return c.value().text();
	}

	private static String order(List<String> orderBy) {
		var parts = new ArrayList<String>();
		boolean id = false;
		for (var item : orderBy == null ? List.<String>of() : orderBy) {
			var o = MlflowFilter.parseOrderBy(item);
			if (!o.field().type().equals("attribute")) {
				throw MlflowException.invalid("Invalid order_by entity '" + o.field().type() + "' for experiments");
			}
			var column = switch (o.field().key()) {
				case "name" -> "e.name collate \"C\"";
				case "creation_time" -> "e.created_at";
				case "last_update_time" -> "e.updated_at";
				case "experiment_id" -> {
					id = true;
					yield "e.project_id";
				}
				default -> throw MlflowException.invalid("Invalid order_by key '" + Printable.abbreviate(o.field().key())
						+ "'; valid keys are name, experiment_id, creation_time, last_update_time");
			};
			parts.add(column + (o.descending() ? " desc" : " asc"));
		}
		if (parts.isEmpty()) {
			parts.add("e.created_at desc");
		}
		if (!id) {
			parts.add("e.project_id asc");
		}
		return String.join(", ", parts);
	}

	// ------------------------------------------------------------------------------------------------ writes

	/** Creates the experiment and its project; RESOURCE_ALREADY_EXISTS when the name is taken (deleted ones too). */
	String create(OrgId orgId, String name, String artifactLocation, Map<String, String> tags) {
		MlflowValidation.experimentName(name);
		tags.forEach(MlflowValidation::experimentTag);
		var location = artifactLocation == null || artifactLocation.isEmpty() ? null : artifactLocation;
		if (location != null) {
			requireServedLocation(location);
		}
		ensureAll(orgId);
		for (int attempt = 0;; attempt++) {
			try {
				return tx.write(orgId, () -> {
					requireNameFree(orgId, name, null);
					var project = projects.create(orgId, slugFor(name), projectName(name), "");
					insertRow(orgId, project.id(), name, location, project.createdAt());
					putTags(orgId, project.id(), tags);
					return project.id().toString();
				});
			}
			catch (DuplicateKeyException | ConflictException e) {
				// The name was taken concurrently, or (very rarely) the random slug collided: look again.
				requireNameFree(orgId, name, null);
				if (attempt >= 3) {
					throw e;
				}
			}
		}
	}

	/**
	 * A hosted service accepts only artifact locations it serves: clients write a run's artifacts wherever its
	 * experiment says, so a {@code file:} or bare path would put them on the client's own disk, and the platform would
	 * list runs whose artifacts nobody can fetch. Ours is {@code mlflow-artifacts:/...} (our proxy; no host, which would
	 * send clients elsewhere); an operator may add stores it serves by other means (runledger.mlflow.artifact-locations).
	 */
	private void requireServedLocation(String location) {
		if (location.contains("#") || location.contains("?") || location.startsWith("runs:")) {
			throw MlflowException.invalid("'artifact_location' URL can't include fragments or params, nor be a runs:/ URI.");
		}
		var served = location.startsWith(ARTIFACT_SCHEME + "/") && !location.startsWith(ARTIFACT_SCHEME + "//")
				|| allowedLocations.stream().anyMatch(prefix -> location.startsWith(prefix) || (location + "/").equals(prefix));
		if (!served || List.of(location.split("/", -1)).contains("..")) {
			var accepted = new ArrayList<String>();
			accepted.add(ARTIFACT_SCHEME + "/<path>");
			accepted.addAll(allowedLocations);
			throw MlflowException.invalid("Invalid value '" + Printable.abbreviate(location, 200)
					+ "' for parameter 'artifact_location': this server stores artifacts only under " + accepted
					+ " (a local path or file: URI would leave them on the client's disk).");
		}
	}

	void rename(OrgId orgId, String experimentId, String newName) {
		MlflowValidation.experimentName(newName);
		var projectId = resolve(orgId, experimentId);
		try {
			tx.writeVoid(orgId, () -> {
				var experiment = load(orgId, projectId, experimentId);
				if (!experiment.active()) {
					throw MlflowException.invalid("Cannot rename a non-active experiment.");
				}
				requireNameFree(orgId, newName, projectId);
				jdbc.sql("update mlflow_experiments set name = ?, updated_at = ? where org_id = ? and project_id = ?")
					.params(newName, Timestamp.from(now()), orgId.value(), projectId.value())
					.update();
				projects.update(orgId, projectId, projectName(newName), null);
			});
		}
		catch (DuplicateKeyException e) {
			throw MlflowException.alreadyExists("Experiment '" + Printable.abbreviate(newName, 500) + "' already exists.");
		}
	}

	/** Soft delete, as in MLflow: the experiment and its runs become deleted; restore brings both back. */
	void delete(OrgId orgId, String experimentId, Actor actor) {
		var projectId = resolve(orgId, experimentId);
		if (defaultProject(orgId).map(projectId::equals).orElse(false)) {
			throw MlflowException.invalid("Cannot delete the default experiment '0'. This is an internally reserved "
					+ "experiment.");
		}
		tx.writeVoid(orgId, () -> {
			var experiment = load(orgId, projectId, experimentId);
			if (!experiment.active()) {
				throw noSuchExperiment(experimentId);
			}
			var at = now();
			jdbc.sql("""
					update mlflow_experiments set lifecycle_stage = 'deleted', updated_at = ?
					where org_id = ? and project_id = ?""")
				.params(Timestamp.from(at), orgId.value(), projectId.value())
				.update();
			runLifecycle.deleteAll(orgId, projectId, at);
			audit.record(orgId, actor, "experiment.deleted", "project", projectId.toString(),
					Map.of("experimentId", experimentId));
		});
	}

	void restore(OrgId orgId, String experimentId, Actor actor) {
		var projectId = resolve(orgId, experimentId);
		tx.writeVoid(orgId, () -> {
			var experiment = load(orgId, projectId, experimentId);
			if (experiment.active()) {
				throw noSuchExperiment(experimentId);
			}
			jdbc.sql("""
					update mlflow_experiments set lifecycle_stage = 'active', updated_at = ?
					where org_id = ? and project_id = ?""")
				.params(Timestamp.from(now()), orgId.value(), projectId.value())
				.update();
			runLifecycle.restoreDeletedSince(orgId, projectId, experiment.updatedAt());
			audit.record(orgId, actor, "experiment.restored", "project", projectId.toString(),
					Map.of("experimentId", experimentId));
		});
	}

	void setTag(OrgId orgId, String experimentId, String key, String value) {
		MlflowValidation.experimentTag(key, value);
		var projectId = requireActive(orgId, experimentId);
		tx.writeVoid(orgId, () -> putTags(orgId, projectId, Map.of(key, value)));
	}

	void deleteTag(OrgId orgId, String experimentId, String key) {
		var projectId = requireActive(orgId, experimentId);
		int deleted = tx.write(orgId, () -> jdbc
			.sql("delete from mlflow_experiment_tags where org_id = ? and project_id = ? and key = ?")
			.params(orgId.value(), projectId.value(), key)
			.update());
		if (deleted == 0) {
			throw MlflowException.notFound("No tag with name: " + Printable.abbreviate(key) + " in experiment with id "
					+ experimentId);
		}
	}

	/** The project of an active experiment; INVALID_PARAMETER_VALUE for a deleted one, as MLflow answers. */
	ProjectId requireActive(OrgId orgId, String experimentId) {
		var projectId = resolve(orgId, experimentId);
		var experiment = load(orgId, projectId, experimentId);
		if (!experiment.active()) {
			throw MlflowException.invalid("The experiment " + experimentId
					+ " must be in the 'active' state. Current state is deleted.");
		}
		return projectId;
	}

	private void requireNameFree(OrgId orgId, String name, ProjectId except) {
		var holder = tx.read(orgId, () -> jdbc
			.sql("select project_id, lifecycle_stage from mlflow_experiments where org_id = ? and name = ?")
			.params(orgId.value(), name)
			.query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.optional());
		if (holder.isPresent() && (except == null || !except.value().equals(holder.get().getKey()))) {
			if (DELETED.equals(holder.get().getValue())) {
				throw MlflowException.alreadyExists("Experiment '" + Printable.abbreviate(name, 500)
						+ "' already exists in deleted state. You can restore the experiment, or choose another name.");
			}
			throw MlflowException.alreadyExists("Experiment '" + Printable.abbreviate(name, 500) + "' already exists.");
		}
	}

	private void insertRow(OrgId orgId, ProjectId projectId, String name, String location, Instant createdAt) {
		jdbc.sql("""
				insert into mlflow_experiments (org_id, project_id, name, lifecycle_stage, artifact_location,
				                                created_at, updated_at)
				values (?, ?, ?, 'active', ?, ?, ?)""")
			.params(orgId.value(), projectId.value(), name, location, Timestamp.from(createdAt),
					Timestamp.from(createdAt))
			.update();
	}

	private void putTags(OrgId orgId, ProjectId projectId, Map<String, String> tags) {
		if (tags.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into mlflow_experiment_tags (org_id, project_id, key, value)
				select ?, ?, k, v from unnest(?::text[], ?::text[]) as t(k, v)
				on conflict (org_id, project_id, key) do update set value = excluded.value""")
			.params(orgId.value(), projectId.value(), tags.keySet().toArray(String[]::new),
					tags.values().toArray(String[]::new))
			.update();
	}

	// ------------------------------------------------------------------------------------------------ lazy rows

	/** Experiment "0": the organisation's default project, made (once, whoever asks first) on first use. */
	ProjectId ensureDefault(OrgId orgId) {
		for (int attempt = 0;; attempt++) {
			var existing = defaultProject(orgId);
			if (existing.isPresent()) {
				return existing.get();
			}
			try {
				return tx.write(orgId, () -> {
					var slug = freeSlug(orgId, "default");
					var project = projects.create(orgId, slug, DEFAULT_NAME,
							"The default MLflow experiment (experiment id 0)");
					insertRow(orgId, project.id(), freeName(orgId, DEFAULT_NAME, slug.value()), null,
							project.createdAt());
					jdbc.sql("insert into mlflow_default_experiments (org_id, project_id) values (?, ?)")
						.params(orgId.value(), project.id().value())
						.update();
					return project.id();
				});
			}
			catch (DuplicateKeyException | ConflictException e) {
				// Another request made it first (or took the name or slug meanwhile): read or try again.
				if (attempt >= 3) {
					throw e;
				}
			}
		}
	}

	/** Gives every project of the organisation that has no experiment row one, named after the project. */
	void ensureAll(OrgId orgId) {
		var missing = tx.read(orgId, () -> jdbc.sql("""
				select p.project_id, p.name, p.slug, p.created_at from projects p
				where p.org_id = ? and not exists (
				    select 1 from mlflow_experiments e where e.org_id = p.org_id and e.project_id = p.project_id)""")
			.params(orgId.value())
			.query((rs, i) -> new Native(new ProjectId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list());
		missing.forEach(project -> adopt(orgId, project));
	}

	private void ensureRow(OrgId orgId, ProjectId projectId, String askedAs) {
		boolean present = tx.read(orgId, () -> jdbc
			.sql("select count(*) from mlflow_experiments where org_id = ? and project_id = ?")
			.params(orgId.value(), projectId.value())
			.query(Long.class)
			.single() > 0);
		if (present) {
			return;
		}
		try {
			var project = projects.get(orgId, projectId);
			adopt(orgId, new Native(projectId, project.name(), project.slug().value(), project.createdAt()));
		}
		catch (NotFoundException e) {
			throw noSuchExperiment(askedAs);
		}
	}

	private record Native(ProjectId projectId, String name, String slug, Instant createdAt) {
	}

	private void adopt(OrgId orgId, Native project) {
		tx.writeVoid(orgId, () -> {
			var candidates = new ArrayList<String>();
			candidates.add(project.name());
			candidates.add(project.name() + " (" + project.slug() + ")");
			for (int i = 2; i <= 5; i++) {
				candidates.add(project.name() + " (" + project.slug() + "-" + i + ")");
			}
			candidates.add(project.name() + " (" + project.projectId() + ")");
			for (var name : candidates) {
				int inserted = jdbc.sql("""
						insert into mlflow_experiments (org_id, project_id, name, lifecycle_stage, created_at,
						                                updated_at)
						values (?, ?, ?, 'active', ?, ?) on conflict do nothing""")
					.params(orgId.value(), project.projectId().value(), name, Timestamp.from(project.createdAt()),
							Timestamp.from(project.createdAt()))
					.update();
				if (inserted == 1 || jdbc.sql("select count(*) from mlflow_experiments where org_id = ? and project_id = ?")
					.params(orgId.value(), project.projectId().value())
					.query(Long.class)
					.single() > 0) {
					return;
				}
			}
		});
	}

	private String freeName(OrgId orgId, String name, String slug) {
		for (var candidate : List.of(name, name + " (" + slug + ")")) {
			boolean taken = jdbc.sql("select count(*) from mlflow_experiments where org_id = ? and name = ?")
				.params(orgId.value(), candidate)
				.query(Long.class)
				.single() > 0;
			if (!taken) {
				return candidate;
			}
		}
		return name + " (" + randomSuffix() + ")";
	}

	private Slug freeSlug(OrgId orgId, String base) {
		boolean taken = jdbc.sql("select count(*) from projects where org_id = ? and slug = ?")
			.params(orgId.value(), base)
			.query(Long.class)
			.single() > 0;
		return new Slug(taken ? base + "-" + randomSuffix() : base);
	}

	/** A slug from the experiment name plus a random suffix, e.g. "users-x-my-exp-k3f9q2". */
	static Slug slugFor(String name) {
		var ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		var base = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (base.length() > 50) {
			base = base.substring(0, 50).replaceAll("-+$", "");
		}
		if (base.isEmpty()) {
			base = "experiment";
		}
		return new Slug(base + "-" + randomSuffix());
	}

	/** Project names are at most 200 printable characters; MLflow names up to 500 of anything. */
	static String projectName(String name) {
		var printable = name.codePoints()
			.map(cp -> Character.isISOControl(cp) ? ' ' : cp)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (printable.isEmpty()) {
			printable = "Experiment";
		}
		if (printable.length() > Names.MAX_LENGTH) {
			printable = printable.substring(0, Names.MAX_LENGTH - 1).strip() + "…";
		}
		return printable;
	}

	private static String randomSuffix() {
		var alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		var sb = new StringBuilder(6);
		for (int i = 0; i < 6; i++) {
			sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static MlflowException noSuchExperiment(String experimentId) {
		return MlflowException.notFound("No Experiment with id=" + Printable.abbreviate(experimentId) + " exists");
	}

	/** MLflow-style offset page tokens: base64 of {@code {"offset": n}}. */
	static final class Offsets {

		private Offsets() {
		}

		static String encode(int offset) {
			return Base64.getEncoder()
				.encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
		}

		static int decode(String token) {
			if (token == null || token.isEmpty()) {
				return 0;
			}
			try {
				var json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
				var node = MlflowRequest.JSON.readTree(json);
				var offset = node.get("offset");
				if (offset == null || !offset.canConvertToInt() || offset.asInt() < 0) {
					throw new IllegalArgumentException();
				}
				return offset.asInt();
			}
			catch (RuntimeException e) {
				throw MlflowException.invalid("Invalid page token, could not base64-decode");
			}
		}
	}
}
