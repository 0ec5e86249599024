package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestTenants;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;

@IntegrationTest
class CompactionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	Compactor compactor;

	@Autowired
	TenantTransactions tx;

	@Autowired
	JdbcClient jdbc;

	@Test
	void compaction_merges_small_chunks_and_preserves_every_point_in_order() {
		var acme = tenants.create();
		var client = new TrackingClient(new Http(port).bearer(acme.key(Role.MEMBER)));
		var run = client.startRun(acme.project().id().toString());
		var steps = new ArrayList<Long>();
		for (long s = 0; s < 300; s++) {
			steps.add(s);
		}
		steps.add(150L); // a duplicate step, logged again later
		Collections.shuffle(steps, new Random(7));
		for (long step : steps) {
			var response = client.log(run, TrackingClient.batch(null, TrackingClient.series("loss",
					new long[] { step }, new long[] { 1000 + step }, new double[] { step * 0.5 })));
			assertThat(response.status()).isEqualTo(200);
		}
		var before = client.points(run, "loss");
		long chunksBefore = chunkCount(acme);

		compactor.compact(acme.orgId(), seriesId(acme, run));

		var after = client.points(run, "loss");
		assertThat(chunksBefore).isEqualTo(301);
		assertThat(chunkCount(acme)).isEqualTo(1);
		assertThat(after).isEqualTo(before);
		assertThat(after.steps()).hasSize(301).isSorted();
		assertThat(after.values().get(151)).isEqualTo(75.0);
		var small = tx.read(acme.orgId(), () -> jdbc.sql("select small_chunks from metric_series").query(Integer.class)
			.single());
		assertThat(small).isEqualTo(1);
	}

	@Test
	void the_scheduled_pass_finds_series_across_tenants_and_compacts_each_in_its_own_tenant() {
		var acme = tenants.create();
		var globex = tenants.create();
		for (var tenant : java.util.List.of(acme, globex)) {
			var client = new TrackingClient(new Http(port).bearer(tenant.key(Role.MEMBER)));
			var run = client.startRun(tenant.project().id().toString());
			for (long step = 0; step < 10; step++) {
				client.log(run, TrackingClient.batch(null, TrackingClient.series("m", new long[] { step },
						new long[] { step }, new double[] { step })));
			}
		}

		compactor.compactAll(8, 10_000);

		assertThat(chunkCount(acme)).isEqualTo(1);
		assertThat(chunkCount(globex)).isEqualTo(1);
	}

	private long chunkCount(TestTenants.Tenant tenant) {
		return tx.read(tenant.orgId(), () -> jdbc.sql("select count(*) from metric_chunks").query(Long.class).single());
	}

	private long seriesId(TestTenants.Tenant tenant, String run) {
		return tx.read(tenant.orgId(), () -> jdbc.sql("select series_id from metric_series where run_id = ?::uuid")
			.param(run)
			.query(Long.class)
			.single());
	}
}
