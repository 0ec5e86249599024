package io.runledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.runledger.api.Http;
import io.runledger.api.TestTenants;
import io.runledger.api.faults.PrivateServices.Service;
import io.runledger.api.faults.Writers.Api;
import io.runledger.metering.BudgetAlerts;
import io.runledger.tenancy.Role;

/**
 * Redis stopped while clients write under a hard-cap budget (so live counters are in use): ingestion and reads go on
 * without a single error (rate limits and counters fail open), and once Redis is back, the budget job's
 * reconciliation makes the live counter equal PostgreSQL's total, which equals the acknowledged points.
 */
@FaultTest
class RedisOutageFaults {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	BudgetAlerts budgets;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void ingest_and_reads_go_on_without_redis_and_the_live_counter_reconciles_without_double_counting() {
		var acme = tenants.create();
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var member = new Http(port).bearer(acme.key(Role.MEMBER));
		var budget = admin.post("/api/v1/budgets",
				"{\"name\":\"cap\",\"meter\":\"DATA_POINTS\",\"limit\":1000000000,\"hardCap\":true}");
		assertThat(budget.status()).as(budget.toString()).isEqualTo(201);
		var writers = Writers.of(port, acme, Api.NATIVE, Api.NATIVE, Api.MLFLOW);
		Http.Response read;
		try {
			writers.start().awaitProgress(10, Duration.ofSeconds(60));
			budgets.evaluate(acme.orgId());
			PrivateServices.stop(Service.REDIS);
			writers.awaitProgress(15, Duration.ofSeconds(60));
			read = member.get("/api/v1/runs/" + writers.writers().getFirst().runId());
			PrivateServices.start(Service.REDIS);
			writers.awaitProgress(10, Duration.ofSeconds(60));
		}
		finally {
			PrivateServices.start(Service.REDIS);
			writers.stop();
		}

		assertThat(writers.failures()).as("answers other than 200 while Redis was down").isEmpty();
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		GroundTruth.assertStoredAndMeteredExactlyOnce(port, acme, writers);
		budgets.evaluate(acme.orgId());
		assertThat(liveCounter(acme, "DATA_POINTS")).as("the live counter after reconciliation")
			.isEqualByComparingTo(BigDecimal.valueOf(writers.acknowledgedPoints()));
	}

	/** The organisation's counter for a meter this month, read straight from Redis. */
	private BigDecimal liveCounter(TestTenants.Tenant tenant, String meter) {
		var keys = new java.util.ArrayList<String>();
		try (var cursor = redis.scan(ScanOptions.scanOptions().match("usage:*" + tenant.orgId().value() + "*").build())) {
			cursor.forEachRemaining(keys::add);
		}
		assertThat(keys).as("live counter hashes of the organisation").hasSize(1);
		var value = redis.<String, String>opsForHash().get(keys.getFirst(), meter);
		assertThat(value).as("field %s of %s", meter, keys.getFirst()).isNotNull();
		return new BigDecimal(value);
	}
}
