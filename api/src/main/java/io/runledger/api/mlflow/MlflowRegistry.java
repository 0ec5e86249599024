package io.runledger.api.mlflow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.Runs;
import io.runledger.auth.CallerIdentity;
import io.runledger.tenancy.AuditLog;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MLflow's model registry (model_registry.proto, SQL store semantics): registered models with tags and aliases, and
 * their numbered versions with tags and stages. Version numbers are never reused. Versions are READY at once: there
 * is no asynchronous registration. Everything is scoped to the caller's organisation.
 */
@Component
class MlflowRegistry {

	static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

	static final int DEFAULT_MODEL_RESULTS = 100;

	static final int MAX_MODEL_RESULTS = 1000;

	static final int MAX_VERSION_RESULTS = 200_000;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Runs runs;

	private final Clock clock;

	private final AuditLog audit;

	MlflowRegistry(JdbcClient jdbc, TenantTransactions tx, Runs runs, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.tx = tx;
		this.runs = runs;
		this.clock = clock;
	}

	record Model(UUID modelId, String name, String description, String userId, Instant createdAt, Instant updatedAt) {
	}

	record Version(UUID modelId, String name, long version, String description, String source, String runId,
			String runLink, String status, String statusMessage, String stage, String userId, Instant createdAt,
			Instant updatedAt) {
	}

	// ------------------------------------------------------------------------------------------------ models

	ObjectNode createModel(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var name = modelName(in.string("name"));
		var tags = tags(in.messages("tags"), true);
		var description = orEmpty(in.string("description"));
		var now = now();
		try {
			tx.writeVoid(orgId, () -> {
				var modelId = UUID.randomUUID();
				jdbc.sql("""
						insert into mlflow_registered_models (org_id, model_id, name, description, created_by,
						                                      created_at, updated_at)
						values (?, ?, ?, ?, ?, ?, ?)""")
					.params(orgId.value(), modelId, name, description, user(caller), Timestamp.from(now),
							Timestamp.from(now))
					.update();
				putModelTags(orgId, modelId, tags);
				auditEntry(caller, "registry.model.created", modelId, Map.of("name", name));
			});
		}
		catch (DuplicateKeyException e) {
			throw MlflowException.alreadyExists("Registered Model (name=" + Printable.abbreviate(name, 250)
					+ ") already exists.");
		}
		return wrap("registered_model", modelJson(orgId, model(orgId, name)));
	}

	ObjectNode getModel(OrgId orgId, MlflowRequest in) {
		return wrap("registered_model", modelJson(orgId, model(orgId, modelName(in.string("name")))));
	}

	ObjectNode renameModel(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var newName = in.string("new_name");
		if (newName == null || newName.isEmpty()) {
			throw MlflowException.missing("new_name");
		}
		try {
			audited(caller, "registry.model.renamed", model, Map.of("newName", newName), () -> jdbc
				.sql("update mlflow_registered_models set name = ?, updated_at = ? where org_id = ? and model_id = ?")
				.params(newName, Timestamp.from(now()), orgId.value(), model.modelId())
				.update());
		}
		catch (DuplicateKeyException e) {
			throw MlflowException.alreadyExists("Registered Model (name=" + Printable.abbreviate(newName, 250)
					+ ") already exists.");
		}
		return wrap("registered_model", modelJson(orgId, model(orgId, newName)));
	}

	ObjectNode updateModel(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		if (in.has("description")) {
			audited(caller, "registry.model.updated", model, Map.of(), () -> jdbc.sql("""
					update mlflow_registered_models set description = ?, updated_at = ?
					where org_id = ? and model_id = ?""")
				.params(orEmpty(in.string("description")), Timestamp.from(now()), orgId.value(), model.modelId())
				.update());
		}
		return wrap("registered_model", modelJson(orgId, model(orgId, model.name())));
	}

	void deleteModel(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		audited(caller, "registry.model.deleted", model, Map.of(), () -> jdbc
			.sql("delete from mlflow_registered_models where org_id = ? and model_id = ?")
			.params(orgId.value(), model.modelId())
			.update());
	}

	ObjectNode searchModels(OrgId orgId, MlflowRequest in) {
		var maxResults = in.int64("max_results");
		long max = maxResults == null ? DEFAULT_MODEL_RESULTS : maxResults;
		if (max < 1 || max > MAX_MODEL_RESULTS) {
			throw MlflowException.invalid("Invalid value " + max + " for parameter 'max_results' supplied. "
					+ "It must be at most " + MAX_MODEL_RESULTS + " and at least 1.");
		}
		var where = new StringBuilder("m.org_id = ?");
		var params = new ArrayList<Object>();
		params.add(orgId.value());
		for (var c : MlflowFilter.conjunction(in.string("filter"))) {
			where.append(" and ");
			if (c.field().type().equals("tag")) {
				tagCondition(c, "mlflow_registered_model_tags t", "t.model_id = m.model_id", where, params);
			}
			else if (c.field().type().equals("attribute") && c.field().key().equals("name")) {
				stringCondition(c, "m.name", where, params);
			}
			else {
				throw MlflowException.invalid("Invalid attribute key '" + Printable.abbreviate(c.field().key())
						+ "' specified. Valid keys are 'name' and 'tags.<key>'");
			}
		}
		var order = new ArrayList<String>();
		boolean byName = false;
		for (var item : in.strings("order_by")) {
			var o = MlflowFilter.parseOrderBy(item);
			var column = switch (o.field().type().equals("attribute") ? o.field().key() : "") {
				case "name" -> {
					byName = true;
					yield "m.name collate \"C\"";
				}
				case "creation_timestamp", "timestamp" -> "m.created_at";
				case "last_updated_timestamp" -> "m.updated_at";
				default -> throw MlflowException.invalid("Invalid order by key '" + Printable.abbreviate(item)
						+ "' specified. Valid keys are name, creation_timestamp, last_updated_timestamp");
			};
			order.add(column + (o.descending() ? " desc" : " asc"));
		}
		if (!byName) {
			order.add("m.name collate \"C\" asc");
		}
		int offset = MlflowExperiments.Offsets.decode(in.string("page_token"));
		params.add(max + 1);
		params.add(offset);
		var models = tx.read(orgId, () -> jdbc
			.sql("select * from mlflow_registered_models m where " + where + " order by " + String.join(", ", order)
					+ " limit ? offset ?")
			.params(params)
			.query(MlflowRegistry::mapModel)
			.list());
		var result = MlflowJson.object();
		String next = null;
		if (models.size() > max) {
			models = models.subList(0, (int) max);
			next = MlflowExperiments.Offsets.encode(offset + (int) max);
		}
		if (!models.isEmpty()) {
			var array = result.putArray("registered_models");
			for (var model : models) {
				array.add(modelJson(orgId, model));
			}
		}
		MlflowJson.putString(result, "next_page_token", next);
		return result;
	}

	ObjectNode latestVersions(OrgId orgId, MlflowRequest in) {
		var model = model(orgId, modelName(in.string("name")));
		var stages = new ArrayList<String>();
		for (var stage : in.strings("stages")) {
			stages.add(stage(stage));
		}
		var result = MlflowJson.object();
		var latest = latest(orgId, model, stages);
		if (!latest.isEmpty()) {
			var array = result.putArray("model_versions");
			latest.forEach(v -> array.add(versionJson(orgId, v)));
		}
		return result;
	}

	void setModelTag(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var key = in.requiredString("key");
		var value = orEmpty(in.string("value"));
		MlflowValidation.registeredModelTag(key, value);
		audited(caller, "registry.model.tag_set", model, Map.of("key", key),
				() -> putModelTags(orgId, model.modelId(), Map.of(key, value)));
	}

	void deleteModelTag(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var key = in.requiredString("key");
		audited(caller, "registry.model.tag_deleted", model, Map.of("key", key), () -> jdbc
			.sql("delete from mlflow_registered_model_tags where org_id = ? and model_id = ? and key = ?")
			.params(orgId.value(), model.modelId(), key)
			.update());
	}

	// ------------------------------------------------------------------------------------------------ aliases

	void setAlias(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var alias = in.string("alias");
		MlflowValidation.alias(alias);
		var version = version(orgId, model, in.string("version"));
		audited(caller, "registry.alias.set", model, Map.of("alias", alias, "version", version.version()), () -> jdbc
			.sql("""
				insert into mlflow_registered_model_aliases (org_id, model_id, alias, version) values (?, ?, ?, ?)
				on conflict (org_id, model_id, alias) do update set version = excluded.version""")
			.params(orgId.value(), model.modelId(), alias, version.version())
			.update());
	}

	void deleteAlias(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var alias = in.string("alias");
		MlflowValidation.alias(alias);
		audited(caller, "registry.alias.deleted", model, Map.of("alias", alias), () -> jdbc
			.sql("delete from mlflow_registered_model_aliases where org_id = ? and model_id = ? and alias = ?")
			.params(orgId.value(), model.modelId(), alias)
			.update());
	}

	ObjectNode versionByAlias(OrgId orgId, MlflowRequest in) {
		var model = model(orgId, modelName(in.string("name")));
		var alias = in.requiredString("alias");
		var version = tx.read(orgId, () -> jdbc
			.sql("select version from mlflow_registered_model_aliases where org_id = ? and model_id = ? and alias = ?")
			.params(orgId.value(), model.modelId(), alias)
			.query(Long.class)
			.optional())
			.orElseThrow(() -> MlflowException.notFound("Registered model alias " + Printable.abbreviate(alias)
					+ " not found."));
		return wrap("model_version", versionJson(orgId, version(orgId, model, Long.toString(version))));
	}

	// ------------------------------------------------------------------------------------------------ versions

	ObjectNode createVersion(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var source = in.requiredString("source");
		validateSource(source);
		var runId = emptyToNull(in.string("run_id"));
		if (runId != null) {
			try {
				runs.get(orgId, MlflowIds.run(runId));
			}
			catch (NotFoundException e) {
				throw MlflowException.notFound("Run with id=" + Printable.abbreviate(runId) + " not found");
			}
			runId = MlflowIds.hex(MlflowIds.run(runId));
		}
		var tags = tags(in.messages("tags"), false);
		var runLink = emptyToNull(in.string("run_link"));
		var description = orEmpty(in.string("description"));
		var user = user(caller);
		var now = now();
		var run = runId;
		long version = tx.write(orgId, () -> {
			long next = jdbc.sql("""
					update mlflow_registered_models set last_version = last_version + 1, updated_at = ?
					where org_id = ? and model_id = ? returning last_version""")
				.params(Timestamp.from(now), orgId.value(), model.modelId())
				.query(Long.class)
				.single();
			jdbc.sql("""
					insert into mlflow_model_versions (org_id, model_id, version, description, source, run_id, run_link,
					                                   status, current_stage, created_by, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, 'READY', 'None', ?, ?, ?)""")
				.params(orgId.value(), model.modelId(), next, description, source, run, runLink, user,
						Timestamp.from(now), Timestamp.from(now))
				.update();
			putVersionTags(orgId, model.modelId(), next, tags);
			auditEntry(caller, "registry.version.created", model.modelId(), Map.of("name", model.name(), "version", next));
			return next;
		});
		return wrap("model_version", versionJson(orgId, version(orgId, model, Long.toString(version))));
	}

	ObjectNode getVersion(OrgId orgId, MlflowRequest in) {
		var model = model(orgId, modelName(in.string("name")));
		return wrap("model_version", versionJson(orgId, version(orgId, model, in.string("version"))));
	}

	ObjectNode updateVersion(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var version = version(orgId, model, in.string("version"));
		if (in.has("description")) {
			audited(caller, "registry.version.updated", model, Map.of("version", version.version()), () -> jdbc.sql("""
					update mlflow_model_versions set description = ?, updated_at = ?
					where org_id = ? and model_id = ? and version = ?""")
				.params(orEmpty(in.string("description")), Timestamp.from(now()), orgId.value(), model.modelId(),
						version.version())
				.update());
		}
		return wrap("model_version", versionJson(orgId, version(orgId, model, Long.toString(version.version()))));
	}

	ObjectNode transitionStage(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var version = version(orgId, model, in.string("version"));
		var stage = stage(in.requiredString("stage"));
		boolean archiveExisting = Boolean.TRUE.equals(in.bool("archive_existing_versions"));
		if (archiveExisting && !(stage.equals("Staging") || stage.equals("Production"))) {
			throw MlflowException.invalid("Model version transition cannot archive existing model versions because '"
					+ stage + "' is not an Active stage. Valid stages are Staging, Production");
		}
		var now = Timestamp.from(now());
		audited(caller, "registry.version.stage_changed", model, Map.of("version", version.version(), "from",
				version.stage(), "to", stage, "archiveExisting", archiveExisting), () -> {
			if (archiveExisting) {
				jdbc.sql("""
						update mlflow_model_versions set current_stage = 'Archived', updated_at = ?
						where org_id = ? and model_id = ? and current_stage = ? and version <> ?""")
					.params(now, orgId.value(), model.modelId(), stage, version.version())
					.update();
			}
			jdbc.sql("""
					update mlflow_model_versions set current_stage = ?, updated_at = ?
					where org_id = ? and model_id = ? and version = ?""")
				.params(stage, now, orgId.value(), model.modelId(), version.version())
				.update();
			jdbc.sql("update mlflow_registered_models set updated_at = ? where org_id = ? and model_id = ?")
				.params(now, orgId.value(), model.modelId())
				.update();
		});
		return wrap("model_version", versionJson(orgId, version(orgId, model, Long.toString(version.version()))));
	}

	void deleteVersion(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var version = version(orgId, model, in.string("version"));
		audited(caller, "registry.version.deleted", model, Map.of("version", version.version()), () -> jdbc
			.sql("delete from mlflow_model_versions where org_id = ? and model_id = ? and version = ?")
			.params(orgId.value(), model.modelId(), version.version())
			.update());
	}

	ObjectNode downloadUri(OrgId orgId, MlflowRequest in) {
		var model = model(orgId, modelName(in.string("name")));
		var result = MlflowJson.object();
		result.put("artifact_uri", version(orgId, model, in.string("version")).source());
		return result;
	}

	ObjectNode searchVersions(OrgId orgId, MlflowRequest in) {
		var maxResults = in.int64("max_results");
		long max = maxResults == null ? MAX_VERSION_RESULTS : maxResults;
		if (max < 1 || max > MAX_VERSION_RESULTS) {
			throw MlflowException.invalid("Invalid value " + max + " for parameter 'max_results' supplied. "
					+ "It must be at most " + MAX_VERSION_RESULTS + " and at least 1.");
		}
		var where = new StringBuilder("v.org_id = ?");
		var params = new ArrayList<Object>();
		params.add(orgId.value());
		for (var c : MlflowFilter.conjunction(in.string("filter"))) {
			where.append(" and ");
			var field = c.field();
			if (field.type().equals("tag")) {
				tagCondition(c, "mlflow_model_version_tags t", "t.model_id = v.model_id and t.version = v.version",
						where, params);
				continue;
			}
			if (!field.type().equals("attribute")) {
				throw MlflowException.invalid("Invalid entity type '" + field.type() + "' in a model version filter");
			}
			switch (field.key()) {
				case "name" -> stringCondition(c, "m.name", where, params);
				case "source_path" -> stringCondition(c, "v.source", where, params);
				case "run_id" -> runIdCondition(c, where, params);
				case "version_number" -> {
					if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(c.operator()) || c.value().quoted()) {
						throw MlflowException.invalid("Invalid comparison for 'version_number': use a comparator and an "
								+ "integer");
					}
					where.append("v.version ").append(sqlOperator(c.operator())).append(" ?");
					params.add((long) Double.parseDouble(c.value().text()));
				}
				default -> throw MlflowException.invalid("Invalid attribute key '" + Printable.abbreviate(field.key())
						+ "' specified. Valid keys are name, run_id, source_path, version_number and tags.<key>");
			}
		}
		var order = new ArrayList<String>();
		for (var item : in.strings("order_by")) {
			var o = MlflowFilter.parseOrderBy(item);
			var column = switch (o.field().type().equals("attribute") ? o.field().key() : "") {
				case "name" -> "m.name collate \"C\"";
				case "version_number" -> "v.version";
				case "creation_timestamp", "timestamp" -> "v.created_at";
				case "last_updated_timestamp" -> "v.updated_at";
				default -> throw MlflowException.invalid("Invalid order by key '" + Printable.abbreviate(item)
						+ "' specified. Valid keys are name, version_number, creation_timestamp, last_updated_timestamp");
			};
			order.add(column + (o.descending() ? " desc" : " asc"));
		}
		order.add("m.name collate \"C\" asc");
		order.add("v.version desc");
		int offset = MlflowExperiments.Offsets.decode(in.string("page_token"));
		params.add(max + 1);
		params.add(offset);
		var versions = tx.read(orgId, () -> jdbc.sql("""
				select v.*, m.name from mlflow_model_versions v
				join mlflow_registered_models m on m.org_id = v.org_id and m.model_id = v.model_id
				where """ + " " + where + " order by " + String.join(", ", order) + " limit ? offset ?")
			.params(params)
			.query(MlflowRegistry::mapVersion)
			.list());
		var result = MlflowJson.object();
		String next = null;
		if (versions.size() > max) {
			versions = versions.subList(0, (int) max);
			next = MlflowExperiments.Offsets.encode(offset + (int) max);
		}
		if (!versions.isEmpty()) {
			var array = result.putArray("model_versions");
			versionsJson(orgId, versions).forEach(array::add);
		}
		MlflowJson.putString(result, "next_page_token", next);
		return result;
	}

	void setVersionTag(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var version = version(orgId, model, in.string("version"));
		var key = in.requiredString("key");
		var value = orEmpty(in.string("value"));
		MlflowValidation.modelVersionTag(key, value);
		audited(caller, "registry.version.tag_set", model, Map.of("version", version.version(), "key", key),
				() -> putVersionTags(orgId, model.modelId(), version.version(), Map.of(key, value)));
	}

	void deleteVersionTag(CallerIdentity caller, MlflowRequest in) {
		var orgId = caller.orgId();
		var model = model(orgId, modelName(in.string("name")));
		var version = version(orgId, model, in.string("version"));
		var key = in.requiredString("key");
		audited(caller, "registry.version.tag_deleted", model, Map.of("version", version.version(), "key", key),
				() -> jdbc.sql("""
				delete from mlflow_model_version_tags where org_id = ? and model_id = ? and version = ? and key = ?""")
			.params(orgId.value(), model.modelId(), version.version(), key)
			.update());
	}

	// ------------------------------------------------------------------------------------------------ audit

	/** A registry change and its audit entry, in one transaction. */
	private void audited(CallerIdentity caller, String action, Model model, Map<String, ?> details,
			Runnable change) {
		tx.writeVoid(caller.orgId(), () -> {
			change.run();
			var withName = new HashMap<String, Object>(details);
			withName.put("name", model.name());
			auditEntry(caller, action, model.modelId(), withName);
		});
	}

	/** Inside the caller's transaction. */
	private void auditEntry(CallerIdentity caller, String action, UUID modelId, Map<String, ?> details) {
		audit.record(caller.orgId(), caller.actor(), action, "registered_model", modelId.toString(), details);
	}

	// ------------------------------------------------------------------------------------------------ lookups

	private Model model(OrgId orgId, String name) {
		return tx.read(orgId, () -> jdbc.sql("select * from mlflow_registered_models where org_id = ? and name = ?")
			.params(orgId.value(), name)
			.query(MlflowRegistry::mapModel)
			.optional())
			.orElseThrow(() -> MlflowException.notFound("Registered Model with name=" + Printable.abbreviate(name, 250)
					+ " not found"));
	}

	private Version version(OrgId orgId, Model model, String version) {
		if (version == null || version.isEmpty()) {
			throw MlflowException.missing("version");
		}
		long number;
		try {
			number = Long.parseLong(version.strip());
		}
		catch (NumberFormatException e) {
			throw MlflowException.invalid("Model version must be an integer, got '" + Printable.abbreviate(version) + "'");
		}
		return tx.read(orgId, () -> jdbc.sql("""
				select v.*, m.name from mlflow_model_versions v
				join mlflow_registered_models m on m.org_id = v.org_id and m.model_id = v.model_id
				where v.org_id = ? and v.model_id = ? and v.version = ?""")
			.params(orgId.value(), model.modelId(), number)
			.query(MlflowRegistry::mapVersion)
			.optional())
			.orElseThrow(() -> MlflowException.notFound("Model Version (name=" + Printable.abbreviate(model.name(), 250)
					+ ", version=" + number + ") not found"));
	}

	/** The latest version in each stage (all stages when none are given), in version order. */
	private List<Version> latest(OrgId orgId, Model model, List<String> stages) {
		var all = tx.read(orgId, () -> jdbc.sql("""
				select v.*, m.name from mlflow_model_versions v
				join mlflow_registered_models m on m.org_id = v.org_id and m.model_id = v.model_id
				where v.org_id = ? and v.model_id = ? order by v.version""")
			.params(orgId.value(), model.modelId())
			.query(MlflowRegistry::mapVersion)
			.list());
		var byStage = new LinkedHashMap<String, Version>();
		for (var v : all) {
			if (stages.isEmpty() || stages.contains(v.stage())) {
				byStage.put(v.stage(), v);
			}
		}
		return byStage.values().stream().sorted((a, b) -> Long.compare(a.version(), b.version())).toList();
	}

	// ------------------------------------------------------------------------------------------------ json

	private ObjectNode modelJson(OrgId orgId, Model model) {
		var node = MlflowJson.object();
		node.put("name", model.name());
		node.put("creation_timestamp", model.createdAt().toEpochMilli());
		node.put("last_updated_timestamp", model.updatedAt().toEpochMilli());
		node.put("user_id", model.userId());
		if (!model.description().isEmpty()) {
			node.put("description", model.description());
		}
		var latest = latest(orgId, model, List.of());
		if (!latest.isEmpty()) {
			var array = node.putArray("latest_versions");
			versionsJson(orgId, latest).forEach(array::add);
		}
		var tags = new LinkedHashMap<String, String>();
		var aliases = new LinkedHashMap<String, Long>();
		tx.read(orgId, () -> {
			jdbc.sql("select key, value from mlflow_registered_model_tags where org_id = ? and model_id = ? order by key")
				.params(orgId.value(), model.modelId())
				.query(rs -> {
					tags.put(rs.getString(1), rs.getString(2));
				});
			jdbc.sql("""
					select alias, version from mlflow_registered_model_aliases where org_id = ? and model_id = ?
					order by alias""")
				.params(orgId.value(), model.modelId())
				.query(rs -> {
					aliases.put(rs.getString(1), rs.getLong(2));
				});
			return null;
		});
		MlflowJson.putKeyValues(node, "tags", tags);
		if (!aliases.isEmpty()) {
			var array = node.putArray("aliases");
			aliases.forEach((alias, version) -> array.addObject().put("alias", alias).put("version", version.toString()));
		}
		return node;
	}

	private ObjectNode versionJson(OrgId orgId, Version version) {
		return versionsJson(orgId, List.of(version)).getFirst();
	}

	/** Versions with their tags and aliases, loaded with one query each for the whole list. */
	private List<ObjectNode> versionsJson(OrgId orgId, Collection<Version> versions) {
		var keys = versions.stream().map(v -> v.modelId() + "/" + v.version()).toArray(String[]::new);
		var tags = new HashMap<String, Map<String, String>>();
		var aliases = new HashMap<String, List<String>>();
		tx.read(orgId, () -> {
			jdbc.sql("""
					select model_id::text || '/' || version, key, value from mlflow_model_version_tags
					where org_id = ? and model_id::text || '/' || version = any(?) order by key""")
				.params(orgId.value(), keys)
				.query(rs -> {
					tags.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
				});
			jdbc.sql("""
					select model_id::text || '/' || version, alias from mlflow_registered_model_aliases
					where org_id = ? and model_id::text || '/' || version = any(?) order by alias""")
				.params(orgId.value(), keys)
				.query(rs -> {
					aliases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
				});
			return null;
		});
		var result = new ArrayList<ObjectNode>();
		for (var v : versions) {
			var key = v.modelId() + "/" + v.version();
			var node = MlflowJson.object();
			node.put("name", v.name());
			node.put("version", Long.toString(v.version()));
			node.put("creation_timestamp", v.createdAt().toEpochMilli());
			node.put("last_updated_timestamp", v.updatedAt().toEpochMilli());
			node.put("user_id", v.userId());
			node.put("current_stage", v.stage());
			if (!v.description().isEmpty()) {
				node.put("description", v.description());
			}
			node.put("source", v.source());
			MlflowJson.putString(node, "run_id", v.runId());
			node.put("status", v.status());
			MlflowJson.putString(node, "status_message", v.statusMessage());
			MlflowJson.putKeyValues(node, "tags", tags.getOrDefault(key, Map.of()));
			MlflowJson.putString(node, "run_link", v.runLink());
			var versionAliases = aliases.get(key);
			if (versionAliases != null) {
				ArrayNode array = node.putArray("aliases");
				versionAliases.forEach(array::add);
			}
			result.add(node);
		}
		return result;
	}

	private static ObjectNode wrap(String field, ObjectNode value) {
		var result = MlflowJson.object();
		result.set(field, value);
		return result;
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private static Model mapModel(ResultSet rs, int row) throws SQLException {
		return new Model(rs.getObject("model_id", UUID.class), rs.getString("name"), rs.getString("description"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static Version mapVersion(ResultSet rs, int row) throws SQLException {
		return new Version(rs.getObject("model_id", UUID.class), rs.getString("name"), rs.getLong("version"),
				rs.getString("description"), rs.getString("source"), rs.getString("run_id"), rs.getString("run_link"),
				rs.getString("status"), rs.getString("status_message"), rs.getString("current_stage"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private void putModelTags(OrgId orgId, UUID modelId, Map<String, String> tags) {
		if (tags.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into mlflow_registered_model_tags (org_id, model_id, key, value)
				select ?, ?, k, v from unnest(?::text[], ?::text[]) as t(k, v)
				on conflict (org_id, model_id, key) do update set value = excluded.value""")
			.params(orgId.value(), modelId, tags.keySet().toArray(String[]::new), tags.values().toArray(String[]::new))
			.update();
	}

	private void putVersionTags(OrgId orgId, UUID modelId, long version, Map<String, String> tags) {
		if (tags.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into mlflow_model_version_tags (org_id, model_id, version, key, value)
				select ?, ?, ?, k, v from unnest(?::text[], ?::text[]) as t(k, v)
				on conflict (org_id, model_id, version, key) do update set value = excluded.value""")
			.params(orgId.value(), modelId, version, tags.keySet().toArray(String[]::new),
					tags.values().toArray(String[]::new))
			.update();
	}

	private static Map<String, String> tags(List<MlflowRequest> items, boolean modelNotVersion) {
		var result = new LinkedHashMap<String, String>();
		for (var item : items) {
			var key = item.requiredString("key");
			var value = orEmpty(item.string("value"));
			if (modelNotVersion) {
				MlflowValidation.registeredModelTag(key, value);
			}
			else {
				MlflowValidation.modelVersionTag(key, value);
			}
			result.put(key, value);
		}
		return result;
	}

	private static void tagCondition(MlflowFilter.Comparison c, String table, String join, StringBuilder where,
			List<Object> params) {
		where.append("exists (select 1 from ").append(table).append(" where t.org_id = ? and ").append(join)
			.append(" and t.key = ? and ");
		params.add(params.getFirst());
		params.add(c.field().key());
		stringCondition(c, "t.value", where, params);
		where.append(")");
	}

	private static void stringCondition(MlflowFilter.Comparison c, String column, StringBuilder where,
			List<Object> params) {
		var op = c.operator();
		if (op.equals("IN") || op.equals("NOT IN")) {
			where.append(column).append(op.equals("IN") ? " = any(?)" : " <> all(?)");
			params.add(c.values().stream().map(MlflowFilter.Value::text).toArray(String[]::new));
			return;
		}
		if (!List.of("=", "!=", "LIKE", "ILIKE").contains(op)) {
			throw MlflowException.invalid("Invalid comparator '" + op + "' for '" + c.field().key()
					+ "'; use =, !=, LIKE or ILIKE");
		}
		if (!c.value().quoted()) {
			throw MlflowException.invalid("Invalid value for '" + c.field().key() + "': strings must be quoted");
		}
		where.append(column).append(' ').append(sqlOperator(op)).append(" ?");
		params.add(c.value().text());
	}

	private static void runIdCondition(MlflowFilter.Comparison c, StringBuilder where, List<Object> params) {
		var op = c.operator();
		if (!List.of("=", "!=", "IN", "NOT IN").contains(op)) {
			throw MlflowException.invalid("Invalid comparator '" + op + "' for 'run_id'; use =, !=, IN or NOT IN");
		}
		var ids = c.values().stream()
			.map(v -> MlflowIds.uuid(v.text()).map(MlflowIds::hex).orElse(v.text()))
			.toArray(String[]::new);
		where.append("v.run_id").append(op.equals("=") || op.equals("IN") ? " = any(?)" : " <> all(?)");
		params.add(ids);
	}

	private static String sqlOperator(String op) {
		return op.equals("!=") ? "<>" : op;
	}

	private static String modelName(String name) {
		if (name == null || name.isEmpty()) {
			throw MlflowException.invalid("Registered model name cannot be empty.");
		}
		return name;
	}

	/** A stage name in any case, as MLflow canonicalises it. */
	static String stage(String text) {
		for (var stage : STAGES) {
			if (stage.equalsIgnoreCase(text == null ? "" : text.strip())) {
				return stage;
			}
		}
		throw MlflowException.invalid("Invalid Model Version stage: " + Printable.abbreviate(text)
				+ ". Value must be one of None, Staging, Production, Archived.");
	}

	/**
	 * MLflow refuses sources with relative path references (a way to reach the tracking server's files); so do we,
	 * also when they are percent-encoded.
	 */
	private static void validateSource(String source) {
		if (!source.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*") || source.toLowerCase(Locale.ROOT).startsWith("file:")) {
			throw MlflowException.invalid("Invalid model version source: '" + Printable.abbreviate(source, 250)
					+ "'. To use a local path as a model version source, the run_id request parameter has to be "
					+ "specified and the local path has to be contained within the artifact directory of the run "
					+ "specified by the run_id.");
		}
		var decoded = source;
		for (int i = 0; i < 5; i++) {
			String next;
			try {
				next = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException e) {
				break;
			}
			if (next.equals(decoded)) {
				break;
			}
			decoded = next;
		}
		for (var candidate : List.of(source, decoded)) {
			if (candidate.indexOf('\0') >= 0 || List.of(candidate.split("/")).contains("..")) {
				throw MlflowException.invalid("Invalid model version source: '" + Printable.abbreviate(source, 250)
						+ "'. If supplying a source as an http, https, local file path, ftp, objectstore, or "
						+ "mlflow-artifacts uri, an absolute path must be provided without relative path references "
						+ "present. Please provide an absolute path.");
			}
		}
	}

	private static String user(CallerIdentity caller) {
		return caller.actor().kind() + ":" + caller.actor().id();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

	private static String emptyToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}
}
