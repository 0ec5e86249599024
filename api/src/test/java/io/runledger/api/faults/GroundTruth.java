package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.runledger.api.Http;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;

/** Compares what writers had acknowledged with what the platform stored and what metering counted. */
final class GroundTruth {

	private GroundTruth() {
	}

	/** Every acknowledged point is stored once per run, and metered once for the organisation. */
	static void assertStoredAndMeteredExactlyOnce(int port, TestTenants.Tenant tenant, Writers writers) {
		assertThat(writers.unacknowledged()).as("batches never acknowledged").isEmpty();
		var member = new Http(port).bearer(tenant.key(Role.MEMBER));
		for (var writer : writers.writers()) {
			var run = member.get("/api/v1/runs/" + writer.runId());
			assertThat(run.status()).as(run.toString()).isEqualTo(200);
			var metrics = run.json().get("metrics");
			assertThat(metrics.size()).as("series of %s run %s", writer.api(), writer.runId()).isEqualTo(1);
			assertThat(metrics.get(0).get("count").asLong())
				.as("points stored in %s run %s", writer.api(), writer.runId())
				.isEqualTo(writers.acknowledgedPoints(writer.runId()));
		}
		var now = Instant.now();
		var usage = new Http(port).bearer(tenant.key(Role.ADMIN))
			.get("/api/v1/usage?meter=DATA_POINTS&granularity=DAY&from=" + now.minus(1, ChronoUnit.DAYS) + "&to="
					+ now.plus(1, ChronoUnit.DAYS));
		assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
		assertThat(usage.json().get("total").decimalValue()).as("metered data points")
			.isEqualByComparingTo(Long.toString(writers.acknowledgedPoints()));
	}
}
