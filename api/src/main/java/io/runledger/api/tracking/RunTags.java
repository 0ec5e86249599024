package io.runledger.api.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.TenantTransactions;

/** Tags are mutable key → value labels: setting a tag again overwrites it. Tags can be set on finished runs too. */
@Component
public class RunTags {

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final Runs runs;

	RunTags(JdbcClient jdbc, TenantTransactions tx, Runs runs) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.runs = runs;
	}

	public void set(OrgId orgId, RunId runId, Map<String, String> tags) {
		var validated = new TreeMap<String, String>();
		tags.forEach((key, value) -> validated.put(TrackingLimits.key(key, "tag"),
				TrackingLimits.value(value, TrackingLimits.MAX_TAG_VALUE_LENGTH, "value of tag '" + key + "'")));
		tx.writeVoid(orgId, () -> {
			// The run must exist for this tenant even when there is nothing to set: another tenant's id is a 404.
			var run = runs.get(orgId, runId);
			if (validated.isEmpty()) {
				return;
			}
			jdbc.sql("""
					insert into run_tags (org_id, project_id, run_id, key, value)
					select ?, ?, ?, k, v from unnest(?::text[], ?::text[]) as t(k, v)
					on conflict (org_id, run_id, key) do update set value = excluded.value""")
				.params(orgId.value(), run.projectId().value(), runId.value(),
						validated.keySet().toArray(String[]::new), validated.values().toArray(String[]::new))
				.update();
		});
	}

	/** Deleting a tag that is not there is a 404, as in MLflow. */
	public boolean delete(OrgId orgId, RunId runId, String key) {
		return tx.write(orgId, () -> {
			runs.get(orgId, runId);
			return jdbc.sql("delete from run_tags where org_id = ? and run_id = ? and key = ?")
				.params(orgId.value(), runId.value(), key)
				.update() > 0;
		});
	}

	public Map<String, String> tags(OrgId orgId, RunId runId) {
		return tx.read(orgId, () -> {
			var result = new LinkedHashMap<String, String>();
			jdbc.sql("select key, value from run_tags where org_id = ? and run_id = ? order by key")
				.params(orgId.value(), runId.value())
				.query(rs -> {
					result.put(rs.getString(1), rs.getString(2));
				});
			return result;
		});
	}
}
