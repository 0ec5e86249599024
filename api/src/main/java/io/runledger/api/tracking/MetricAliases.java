package io.runledger.api.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.Actor;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/**
 * Renaming a metric after the fact, for a whole project or a set of runs. The raw points keep the key they were
 * logged with; the series' display key changes, and reads and searches use display keys. An alias scoped to runs
 * wins over a project-wide one; among equals, the newest wins. Aliases map logged keys, never other aliases.
 */
@Component
class MetricAliases {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Clock clock;

	MetricAliases(JdbcClient jdbc, TenantTransactions tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	record Alias(UUID id, ProjectId projectId, List<RunId> runIds, String sourceKey, String aliasKey,
			Instant createdAt, String createdBy) {
	}

	/** Display keys for keys about to be created in a run; called inside the writing transaction. */
	String[] displayKeys(OrgId orgId, ProjectId projectId, RunId runId, String[] keys) {
		var mapped = new HashMap<String, String>();
		jdbc.sql("""
				select distinct on (source_key) source_key, alias_key from metric_aliases
				where org_id = ? and project_id = ? and source_key = any(?) and (run_ids is null or ? = any(run_ids))
				order by source_key, (run_ids is null), created_at desc""")
			.params(orgId.value(), projectId.value(), keys, runId.value())
			.query(rs -> {
				mapped.put(rs.getString(1), rs.getString(2));
			});
		return Arrays.stream(keys).map(k -> mapped.getOrDefault(k, k)).toArray(String[]::new);
	}

	Alias create(OrgId orgId, ProjectId projectId, String sourceKey, String aliasKey, List<RunId> runIds,
			Actor actor) {
		TrackingLimits.key(sourceKey, "source metric");
		TrackingLimits.key(aliasKey, "alias metric");
		if (sourceKey.equals(aliasKey)) {
			throw new InvalidRequestException("an alias must differ from the key it renames");
		}
		var ids = runIds == null || runIds.isEmpty() ? null
				: runIds.stream().map(RunId::value).distinct().toArray(UUID[]::new);
		return tx.write(orgId, () -> {
			if (ids != null) {
				long known = jdbc.sql("select count(*) from runs where org_id = ? and project_id = ? and run_id = any(?)")
					.params(orgId.value(), projectId.value(), ids)
					.query(Long.class)
					.single();
				if (known != ids.length) {
					throw new NotFoundException("run", "one or more of the given runs");
				}
			}
			// Two series of one run must never answer to the same name.
			long clashes = jdbc.sql("""
					select count(*) from metric_series s
					where s.org_id = ? and s.project_id = ? and s.display_key = ? and s.key <> ?
					  and (?::uuid[] is null or s.run_id = any(?::uuid[]))
					  and exists (select 1 from metric_series o where o.org_id = s.org_id and o.run_id = s.run_id
					              and o.key = ?)""")
				.params(orgId.value(), projectId.value(), aliasKey, sourceKey, ids, ids, sourceKey)
				.query(Long.class)
				.single();
			if (clashes > 0) {
				throw new ConflictException("'" + aliasKey + "' already names another metric in " + clashes
						+ " of these runs; pick another alias");
			}
			var alias = new Alias(UUID.randomUUID(), projectId, runIds == null ? List.of() : List.copyOf(runIds),
					sourceKey, aliasKey, clock.instant(), actor.kind() + ":" + actor.id());
			jdbc.sql("""
					insert into metric_aliases (org_id, alias_id, project_id, run_ids, source_key, alias_key,
					                            created_at, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(orgId.value(), alias.id(), projectId.value(), ids, sourceKey, aliasKey,
						Timestamp.from(alias.createdAt()), alias.createdBy())
				.update();
			refresh(orgId, projectId, sourceKey);
			return alias;
		});
	}

	/** Aliases in creation order, paged by (created_at, id). */
	Page<Alias> list(OrgId orgId, ProjectId projectId, PageRequest page) {
		var after = page.afterInstantAndId();
		return tx.read(orgId, () -> Page.of(jdbc.sql("""
				select * from metric_aliases where org_id = ? and project_id = ? and (created_at, alias_id) > (?, ?)
				order by created_at, alias_id limit ?""")
			.params(orgId.value(), projectId.value(), Timestamp.from(after.at()), after.id(), page.limit() + 1)
			.query((rs, row) -> {
				var runs = rs.getArray("run_ids");
				List<RunId> runIds = runs == null ? List.of()
						: Arrays.stream((UUID[]) runs.getArray()).map(RunId::new).toList();
				return new Alias(rs.getObject("alias_id", UUID.class), projectId, runIds, rs.getString("source_key"),
						rs.getString("alias_key"), rs.getTimestamp("created_at").toInstant(),
						rs.getString("created_by"));
			})
			.list(), page.limit(), alias -> PageRequest.key(alias.createdAt(), alias.id())));
	}

	void delete(OrgId orgId, ProjectId projectId, UUID aliasId) {
		tx.writeVoid(orgId, () -> {
			var source = jdbc.sql("""
					delete from metric_aliases where org_id = ? and project_id = ? and alias_id = ?
					returning source_key""")
				.params(orgId.value(), projectId.value(), aliasId)
				.query(String.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("metric alias", aliasId));
			refresh(orgId, projectId, source);
		});
	}

	/** Recomputes the display key of every series of the project logged under {@code sourceKey}. */
	private void refresh(OrgId orgId, ProjectId projectId, String sourceKey) {
		jdbc.sql("""
				update metric_series s set display_key = coalesce((
				    select a.alias_key from metric_aliases a
				    where a.org_id = s.org_id and a.project_id = s.project_id and a.source_key = s.key
				      and (a.run_ids is null or s.run_id = any(a.run_ids))
				    order by (a.run_ids is null), a.created_at desc limit 1), s.key)
				where s.org_id = ? and s.project_id = ? and s.key = ?""")
			.params(orgId.value(), projectId.value(), sourceKey)
			.update();
	}
}
