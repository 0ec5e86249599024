package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.metering.BudgetGuard;
import io.runledger.metering.Meter;
import io.runledger.metering.StorageIntegration;
import io.runledger.metering.UsageRollups;
import io.runledger.tenancy.Role;

/**
 * From artifact bytes to the bill: a committed version's bytes integrate into byte-seconds for as long as they are
 * stored, and a reached storage hard cap refuses new uploads while downloads keep working.
 */
@IntegrationTest
class ArtifactStorageMeteringTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	StorageIntegration storage;

	@Autowired
	UsageRollups rollups;

	@Autowired
	BudgetGuard guard;

	TestTenants.Tenant acme;

	ArtifactClient member;

	String project;

	@BeforeEach
	void setUp() {
		acme = tenants.create();
		member = new ArtifactClient(port, acme.key(Role.MEMBER));
		project = acme.project().id().toString();
	}

	@AfterEach
	void reset() {
		clock.reset();
		guard.forgetDecisions();
	}

	@Test
	void a_committed_versions_bytes_are_charged_in_byte_seconds_for_every_hour_they_are_kept() {
		var start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
		clock.freezeAt(start);
		var bytes = ArtifactVersionTests.bytes(1_000_000, 7);
		member.publish(project, "dataset", "train.bin", bytes, null);
		// 3 h 10 min later: three whole hours have ended more than the 5-minute margin ago; the fourth is still open.
		clock.advance(Duration.ofHours(3).plusMinutes(10));

		storage.integrate(acme.orgId());

		var byteSeconds = rollups.total(acme.orgId(), Meter.STORAGE_BYTES, start, start.plus(Duration.ofDays(1)));
		// 1,000,000 bytes × 10,800 s.
		assertThat(byteSeconds).isEqualByComparingTo(BigDecimal.valueOf(1_000_000L * 3 * 3600));
	}

	@Test
	void a_reached_storage_hard_cap_refuses_uploads_with_a_429_and_downloads_keep_working() {
		var admin = new Http(port).bearer(acme.key(Role.ADMIN));
		var budget = admin.post("/api/v1/budgets",
				"{\"name\":\"storage\",\"meter\":\"STORAGE_BYTES\",\"limit\":1,\"hardCap\":true}");
		assertThat(budget.status()).as(budget.toString()).isEqualTo(201);
		var start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
		clock.freezeAt(start);
		var first = member.publish(project, "weights", "a.bin", ArtifactVersionTests.bytes(1000, 1), null);
		clock.advance(Duration.ofHours(2));
		storage.integrate(acme.orgId());
		guard.forgetDecisions();

		var draft = member.draft(project, "{\"name\": \"more\"}");
		var refused = member.upload(draft.get("artifactId").asString(), 1, "b.bin", ArtifactVersionTests.bytes(10, 2),
				null);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("storage").contains("budget");
		var download = member.download(first.get("artifactId").asString(), "v1", "a.bin");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).hasSize(1000);
	}
}
