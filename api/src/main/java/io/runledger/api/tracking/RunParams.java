package io.runledger.api.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.tracking.search.RunFilterOracle;
import io.runledger.tenancy.ConflictException;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.Printable;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params (MLflow's flat key → string) and config (W&B's nested JSON). Config is kept as given for display and
 * flattened into dotted param keys for search. Both are write-once per key: logging the same value again is fine, a
 * different value is refused as a conflict, and nothing of a refused request is written.
 */
@Component
public class RunParams {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Runs runs;

	private final JsonMapper json = JsonMapper.builder().build();

	RunParams(JdbcClient jdbc, TenantTransactions tx, Runs runs) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.runs = runs;
	}

	public void logParams(OrgId orgId, RunId runId, Map<String, String> params) {
		var validated = new TreeMap<String, String>();
		params.forEach((key, value) -> validated.put(TrackingLimits.key(key, "param"),
				TrackingLimits.value(value, TrackingLimits.MAX_PARAM_VALUE_LENGTH, "value of param '" + key + "'")));
		tx.writeVoid(orgId, () -> insertWriteOnce(orgId, runs.forWrite(orgId, runId), validated));
	}

	/** Merges a nested config into the run's config; each leaf becomes a dotted param key. */
	void logConfig(OrgId orgId, RunId runId, JsonNode config) {
		if (config == null || !config.isObject()) {
			throw new InvalidRequestException("config must be a JSON object");
		}
		var flat = new TreeMap<String, String>();
		flatten("", config, flat, 0);
		tx.writeVoid(orgId, () -> {
			var run = runs.forWrite(orgId, runId);
			insertWriteOnce(orgId, run, flat);
			var merged = (ObjectNode) json.readTree(run.configJson());
			deepMerge(merged, (ObjectNode) config);
			var text = json.writeValueAsString(merged);
			if (text.length() > TrackingLimits.MAX_CONFIG_BYTES) {
				throw new InvalidRequestException("config is larger than " + TrackingLimits.MAX_CONFIG_BYTES
						+ " bytes once merged");
			}
			jdbc.sql("update runs set config = ?::jsonb where org_id = ? and run_id = ?")
				.params(text, orgId.value(), runId.value())
				.update();
		});
	}

	public Map<String, String> params(OrgId orgId, RunId runId) {
		return tx.read(orgId, () -> {
			var result = new LinkedHashMap<String, String>();
			jdbc.sql("select key, value from run_params where org_id = ? and run_id = ? order by key")
				.params(orgId.value(), runId.value())
				.query(rs -> {
					result.put(rs.getString(1), rs.getString(2));
				});
			return result;
		});
	}

	private void insertWriteOnce(OrgId orgId, Run run, Map<String, String> params) {
		if (params.isEmpty()) {
			return;
		}
		var keys = params.keySet().toArray(String[]::new);
		var values = params.values().toArray(String[]::new);
		var numbers = new Double[values.length];
		for (int i = 0; i < values.length; i++) {
			numbers[i] = numeric(values[i]);
		}
		jdbc.sql("""
				insert into run_params (org_id, project_id, run_id, key, value, value_num)
				select ?, ?, ?, k, v, n from unnest(?::text[], ?::text[], ?::float8[]) as p(k, v, n)
				on conflict (org_id, run_id, key) do nothing""")
			.params(orgId.value(), run.projectId().value(), run.id().value(), keys, values, numbers)
			.update();
		var conflicts = new ArrayList<String>();
		jdbc.sql("select key, value from run_params where org_id = ? and run_id = ? and key = any(?)")
			.params(orgId.value(), run.id().value(), keys)
			.query(rs -> {
				var key = rs.getString(1);
				if (!rs.getString(2).equals(params.get(key))) {
					conflicts.add("'" + Printable.abbreviate(key) + "' is '" + Printable.abbreviate(rs.getString(2))
							+ "', not '" + Printable.abbreviate(params.get(key)) + "'");
				}
			});
		if (!conflicts.isEmpty()) {
			throw new ConflictException("params are write-once and " + conflicts.size()
					+ " already have another value: " + String.join("; ", conflicts.subList(0,
							Math.min(5, conflicts.size()))));
		}
	}

	/**
	 * A param value that reads as a plain finite decimal number is also stored as one, so searches compare
	 * numerically. The rule is the search oracle's, so SQL and oracle agree on what counts as a number.
	 */
	static Double numeric(String value) {
		return value.length() > 64 ? null : RunFilterOracle.Param.of(value).valueNum();
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> into, int depth) {
		if (depth > TrackingLimits.MAX_CONFIG_DEPTH) {
			throw new InvalidRequestException("config nests deeper than " + TrackingLimits.MAX_CONFIG_DEPTH + " levels");
		}
		if (node.isObject() && !node.isEmpty()) {
			for (var entry : node.properties()) {
				var name = entry.getKey();
				if (name.isEmpty()) {
					throw new InvalidRequestException("config keys must not be empty");
				}
				flatten(prefix.isEmpty() ? name : prefix + "." + name, entry.getValue(), into, depth + 1);
			}
			return;
		}
		if (prefix.isEmpty() && node.isObject()) {
			// An empty config ({}) holds nothing to store; a nested empty object is kept as its value "{}".
			return;
		}
		var key = TrackingLimits.key(prefix, "config");
		var value = node.isString() ? node.asString() : node.toString();
		into.put(key, TrackingLimits.value(value, TrackingLimits.MAX_PARAM_VALUE_LENGTH, "config value '" + key + "'"));
	}

	private static void deepMerge(ObjectNode target, ObjectNode source) {
		for (var entry : source.properties()) {
			var existing = target.get(entry.getKey());
			if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
				deepMerge(existingObject, sourceObject);
			}
			else {
				target.set(entry.getKey(), entry.getValue());
			}
		}
	}

}
