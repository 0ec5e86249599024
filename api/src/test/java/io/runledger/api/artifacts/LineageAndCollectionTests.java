package io.runledger.api.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.storage.ObjectKey;
import io.runledger.storage.ObjectPath;
import io.runledger.storage.ObjectStore;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.TenantTransactions;
import tools.jackson.databind.JsonNode;

/** Lineage between runs and artifact versions, and garbage collection of deleted versions after the retention. */
@IntegrationTest
class LineageAndCollectionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	ArtifactCollector collector;

	@Autowired
	ArtifactsProperties properties;

	@Autowired
	ObjectStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

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
	void resetClock() {
		clock.reset();
	}

	String run() {
		return member.http().post("/api/v1/projects/" + project + "/runs", "{}").json().get("id").asString();
	}

	@Test
	void a_dataset_made_by_one_run_and_used_by_another_shows_up_and_downstream() {
		var prepare = run();
		var train = run();
		var evaluate = run();
		var dataset = member.publish(project, "dataset", "d.csv", "d".getBytes(StandardCharsets.UTF_8),
				"\"type\": \"dataset\", \"runId\": \"" + prepare + "\"");
		var datasetId = dataset.get("artifactId").asString();
		var model = member.publish(project, "model", "m.bin", "m".getBytes(StandardCharsets.UTF_8), "\"type\": \"model\"");
		var modelId = model.get("artifactId").asString();

		var input = member.http().post("/api/v1/runs/" + train + "/artifact-inputs",
				"{\"artifactId\": \"" + datasetId + "\", \"version\": \"latest\"}");
		var output = member.http().post("/api/v1/runs/" + train + "/artifact-outputs",
				"{\"artifactId\": \"" + modelId + "\", \"version\": \"v1\"}");
		member.http().post("/api/v1/runs/" + evaluate + "/artifact-inputs",
				"{\"artifactId\": \"" + modelId + "\", \"version\": \"1\"}");
		var secondProducer = member.http().post("/api/v1/runs/" + evaluate + "/artifact-outputs",
				"{\"artifactId\": \"" + modelId + "\", \"version\": \"1\"}");

		var downstream = member.http().get("/api/v1/artifacts/" + datasetId + "/versions/v1/lineage?direction=downstream")
			.json();
		var upstream = member.http().get("/api/v1/runs/" + evaluate + "/lineage?direction=upstream").json();
		var oneHop = member.http().get("/api/v1/runs/" + evaluate + "/lineage?direction=upstream&depth=1").json();
		var both = member.http().get("/api/v1/runs/" + train + "/lineage").json();

		assertThat(input.status()).as(input.toString()).isEqualTo(204);
		assertThat(output.status()).as(output.toString()).isEqualTo(204);
		assertThat(secondProducer.status()).isEqualTo(409);
		var d = "artifact:" + datasetId + ":v1";
		var m = "artifact:" + modelId + ":v1";
		assertThat(ids(downstream)).containsExactlyInAnyOrder(d, "run:" + train, m, "run:" + evaluate);
		assertThat(edges(downstream)).containsExactlyInAnyOrder(d + ">run:" + train, "run:" + train + ">" + m,
				m + ">run:" + evaluate);
		assertThat(ids(upstream)).containsExactlyInAnyOrder("run:" + evaluate, m, "run:" + train, d,
				"run:" + prepare);
		assertThat(edges(upstream)).contains("run:" + prepare + ">" + d);
		assertThat(ids(oneHop)).containsExactlyInAnyOrder("run:" + evaluate, m);
		assertThat(ids(both)).containsExactlyInAnyOrder("run:" + prepare, d, "run:" + train, m, "run:" + evaluate);
	}

	@Test
	void lineage_names_only_committed_versions_and_only_the_callers_runs() {
		var producer = run();
		member.draft(project, "{\"name\": \"unfinished\", \"runId\": \"" + producer + "\"}");
		var globex = tenants.create();
		var foreignRun = new ArtifactClient(port, globex.key(Role.MEMBER)).http()
			.post("/api/v1/projects/" + globex.project().id() + "/runs", "{}").json().get("id").asString();
		var model = member.publish(project, "mine", "m.bin", "m".getBytes(StandardCharsets.UTF_8), null);

		var graph = member.http().get("/api/v1/runs/" + producer + "/lineage").json();
		var foreign = member.http().post("/api/v1/runs/" + foreignRun + "/artifact-inputs",
				"{\"artifactId\": \"" + model.get("artifactId").asString() + "\", \"version\": \"1\"}");

		assertThat(ids(graph)).containsExactly("run:" + producer);
		assertThat(foreign.status()).isEqualTo(404);
	}

	@Test
	void a_deleted_version_keeps_its_objects_through_the_retention_then_the_collector_removes_them_and_reports_it() {
		var content = new byte[4096];
		var v1 = member.publish(project, "collected", "a/b.bin", content, null);
		var id = v1.get("artifactId").asString();
		member.publish(project, "collected", "a/b.bin", "v2".getBytes(StandardCharsets.UTF_8), null);
		var key = ObjectKey.artifactFile(acme.orgId(), UUID.fromString(id), 1, ObjectPath.of("a/b.bin"));

		var deleted = member.http().delete("/api/v1/artifacts/" + id + "/versions/v1");
		var gone = member.http().get("/api/v1/artifacts/" + id + "/versions/1");
		collector.collect();
		var keptDuringRetention = store.size(key);
		clock.advance(properties.retention().plus(Duration.ofMinutes(1)));
		collector.collect();
		var afterRetention = store.size(key);
		var latest = member.download(id, "latest", "a/b.bin");

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(keptDuringRetention).contains(4096L);
		assertThat(afterRetention).isEmpty();
		assertThat(new String(latest.body(), StandardCharsets.UTF_8)).isEqualTo("v2");
		assertThat(deltas()).containsExactlyInAnyOrder(4096L, 2L, -4096L);
		assertThat(versionRows(id)).containsExactly(2);
	}

	@Test
	void an_artifact_lists_its_deleted_versions_only_when_asked_and_each_version_names_the_run_that_made_it() {
		var maker = run();
		var v1 = member.publish(project, "listed", "f.txt", "one".getBytes(StandardCharsets.UTF_8),
				"\"runId\": \"" + maker + "\"");
		var id = v1.get("artifactId").asString();
		member.publish(project, "listed", "f.txt", "two".getBytes(StandardCharsets.UTF_8), null);
		member.http().delete("/api/v1/artifacts/" + id + "/versions/1");

		var committed = member.http().get("/api/v1/artifacts/" + id).json().get("versions");
		var withDeleted = member.http().get("/api/v1/artifacts/" + id + "?deleted=true").json().get("versions");

		assertThat(committed.valueStream().map(v -> v.get("version").asInt())).containsExactly(2);
		assertThat(withDeleted.valueStream().map(v -> v.get("version").asInt() + ":" + v.get("state").asString()))
			.containsExactly("2:COMMITTED", "1:DELETED");
		assertThat(withDeleted.get(1).has("deletedAt")).isTrue();
		assertThat(withDeleted.get(1).get("producedBy").get("runId").asString()).isEqualTo(maker);
		assertThat(withDeleted.get(0).has("producedBy")).as("no run made v2").isFalse();
	}

	@Test
	void a_deleted_version_can_be_restored_until_the_collector_takes_it() {
		var v1 = member.publish(project, "restorable", "f.txt", "one".getBytes(StandardCharsets.UTF_8), null);
		var id = v1.get("artifactId").asString();
		member.publish(project, "restorable", "f.txt", "two".getBytes(StandardCharsets.UTF_8), null);

		member.http().delete("/api/v1/artifacts/" + id + "/versions/2");
		var latestAfterDelete = member.download(id, "latest", "f.txt");
		var restored = member.http().post("/api/v1/artifacts/" + id + "/versions/2/restore", "{}");
		var latestAfterRestore = member.download(id, "latest", "f.txt");
		var notDeleted = member.http().post("/api/v1/artifacts/" + id + "/versions/2/restore", "{}");
		member.http().delete("/api/v1/artifacts/" + id + "/versions/1");
		clock.advance(properties.retention().plus(Duration.ofMinutes(1)));
		collector.collect();
		var tooLate = member.http().post("/api/v1/artifacts/" + id + "/versions/1/restore", "{}");

		assertThat(new String(latestAfterDelete.body(), StandardCharsets.UTF_8)).isEqualTo("one");
		assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
		assertThat(restored.json().get("aliases").valueStream().map(a -> a.asString())).containsExactly("latest");
		assertThat(new String(latestAfterRestore.body(), StandardCharsets.UTF_8)).isEqualTo("two");
		assertThat(notDeleted.status()).isEqualTo(409);
		assertThat(tooLate.status()).isEqualTo(404);
		assertThat(deltas()).containsExactlyInAnyOrder(3L, 3L, -3L);
	}

	@Test
	void an_abandoned_draft_is_collected_without_reporting_bytes_that_were_never_visible() {
		var draft = member.draft(project, "{\"name\": \"abandoned\"}");
		var id = draft.get("artifactId").asString();
		member.upload(id, 1, "x.bin", new byte[100], null);
		var key = ObjectKey.artifactFile(acme.orgId(), UUID.fromString(id), 1, ObjectPath.of("x.bin"));

		clock.advance(properties.draftTimeout().plus(Duration.ofMinutes(1)));
		collector.collect();
		var duringRetention = store.size(key);
		clock.advance(properties.retention().plus(Duration.ofMinutes(1)));
		collector.collect();

		assertThat(duringRetention).contains(100L);
		assertThat(store.size(key)).isEmpty();
		assertThat(deltas()).isEmpty();
		assertThat(versionRows(id)).isEmpty();
	}

	@Test
	void artifacts_of_a_deleted_project_are_collected_after_the_retention() {
		var v = member.publish(project, "orphan", "o.bin", new byte[10], null);
		var key = ObjectKey.artifactFile(acme.orgId(), UUID.fromString(v.get("artifactId").asString()), 1,
				ObjectPath.of("o.bin"));

		var deletedProject = new ArtifactClient(port, acme.key(Role.OWNER)).http().delete("/api/v1/projects/" + project);
		collector.collect();
		clock.advance(properties.retention().plus(Duration.ofMinutes(1)));
		collector.collect();

		assertThat(deletedProject.status()).isEqualTo(204);
		assertThat(store.size(key)).isEmpty();
		assertThat(deltas()).containsExactlyInAnyOrder(10L, -10L);
	}

	List<Long> deltas() {
		return tx.read(acme.orgId(), () -> jdbc.sql("select delta_bytes from storage_changes where org_id = ?")
			.param(acme.orgId().value())
			.query(Long.class)
			.list());
	}

	List<Integer> versionRows(String artifactId) {
		return tx.read(acme.orgId(), () -> jdbc.sql("select version from artifact_versions where org_id = ? and artifact_id = ?")
			.params(acme.orgId().value(), UUID.fromString(artifactId))
			.query(Integer.class)
			.list());
	}

	static List<String> ids(JsonNode graph) {
		return graph.get("nodes").valueStream().map(n -> n.get("id").asString()).toList();
	}

	static List<String> edges(JsonNode graph) {
		return graph.get("edges").valueStream().map(e -> e.get("from").asString() + ">" + e.get("to").asString())
			.toList();
	}
}
