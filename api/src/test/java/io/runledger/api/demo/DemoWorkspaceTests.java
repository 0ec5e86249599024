package io.runledger.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.runledger.api.Http;
import io.runledger.api.IntegrationTest;
import io.runledger.api.TestClock;
import io.runledger.api.TestTenants;
import io.runledger.api.artifacts.LogArtifact;
import io.runledger.api.mlflow.RegisterModel;
import io.runledger.api.reports.PublishReport;
import io.runledger.api.tracking.MetricWriter;
import io.runledger.api.tracking.RunSearch;
import io.runledger.api.tracking.RunState;
import io.runledger.api.tracking.Runs;
import io.runledger.api.tracking.StartRun;
import io.runledger.tenancy.TenantTransactions;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.Slug;

/** The demo workspace against the real database: what it seeds, that a second start adds nothing, the live run. */
@IntegrationTest
class DemoWorkspaceTests {

	@Autowired
	TestTenants tenants;

	@Autowired
	TestClock clock;

	@Autowired
	Projects projects;

	@Autowired
	StartRun startRun;

	@Autowired
	Runs runs;

	@Autowired
	MetricWriter metrics;

	@Autowired
	RunSearch search;

	@Autowired
	PublishReport publishReport;

	@Autowired
	LogArtifact logArtifact;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantTransactions tx;

	@Autowired
	RegisterModel registerModel;

	@LocalServerPort
	int port;

	DemoWorkspace workspace;

	@AfterEach
	void stop() {
		if (workspace != null) {
			workspace.destroy();
		}
		clock.reset();
	}

	private DemoWorkspace workspace() {
		return new DemoWorkspace(projects, startRun, runs, metrics, search, clock, publishReport, logArtifact, jdbc, tx,
				registerModel);
	}

	private RunSearch.Result all(OrgId orgId, ProjectId project) {
		return search.search(orgId, project, new RunSearch.Request(null, null, 1000, null, true, true));
	}

	@Test
	void registers_a_model_with_two_versions_from_the_sweep_and_an_alias_once_however_often_it_starts() {
		var tenant = tenants.create();
		workspace = workspace();
		workspace.seed(tenant.orgId());
		workspace.destroy();
		workspace = workspace();
		workspace.seed(tenant.orgId());

		var viewer = new Http(port).bearer(tenant.key(Role.VIEWER));
		var models = viewer.get("/api/2.0/mlflow/registered-models/search").json().get("registered_models");
		assertThat(models.size()).isEqualTo(1);
		var model = models.get(0);
		assertThat(model.get("name").asString()).isEqualTo(DemoWorkspace.MODEL);
		assertThat(model.get("aliases").get(0).get("alias").asString()).isEqualTo("champion");
		assertThat(model.get("aliases").get(0).get("version").asString()).isEqualTo("2");
		var versions = viewer.get("/api/2.0/mlflow/model-versions/search?filter=name%3D%27" + DemoWorkspace.MODEL + "%27")
			.json()
			.get("model_versions");
		assertThat(versions.valueStream().map(v -> v.get("version").asString() + ":" + v.get("current_stage").asString()))
			.containsExactlyInAnyOrder("1:Archived", "2:Production");
		assertThat(versions.valueStream().map(v -> v.get("run_id").asString())).allMatch(id -> id.length() == 32);
	}

	@Test
	void publishes_a_live_report_on_the_sweep_with_a_share_link_once_however_often_it_starts() {
		var tenant = tenants.create();
		workspace = workspace();
		workspace.seed(tenant.orgId());
		workspace.destroy();
		workspace = workspace();
		workspace.seed(tenant.orgId());

		var viewer = new Http(port).bearer(tenant.key(Role.VIEWER));
		var vision = projects.getBySlug(tenant.orgId(), new Slug("vision")).id();
		var reports = viewer.get("/api/v1/projects/" + vision + "/reports").json().get("items");
		assertThat(reports.valueStream().map(r -> r.get("title").asString())).containsExactly(DemoWorkspace.REPORT_TITLE);
		var report = reports.get(0).get("id").asString();
		var data = viewer.get("/api/v1/reports/" + report + "/data");
		assertThat(data.status()).as(data.toString()).isEqualTo(200);
		assertThat(data.body()).contains("val/loss");
		var links = new Http(port).bearer(tenant.key(Role.MEMBER)).get("/api/v1/reports/" + report + "/share-links");
		assertThat(links.json().get("items").size()).as("one share link, made with the report").isEqualTo(1);
	}

	@Test
	void seeds_a_sweep_of_finished_and_failed_runs_with_long_curves_and_a_live_run_and_a_second_start_adds_nothing() {
		var orgId = tenants.create().orgId();
		workspace = workspace();

		workspace.seed(orgId);

		var vision = projects.getBySlug(orgId, new Slug("vision")).id();
		var seeded = all(orgId, vision);
		assertThat(seeded.total()).as("the sweep, the live run, data preparation, evaluation and the quiet run")
			.isEqualTo(DemoWorkspace.SWEEP + 4);
		Map<RunState, Long> states = seeded.runs().stream()
			.collect(Collectors.groupingBy(found -> found.run().state(), Collectors.counting()));
		assertThat(states).containsKeys(RunState.FINISHED, RunState.FAILED);
		assertThat(states.get(RunState.RUNNING)).as("the live run and the runs that stop without a word")
			.isGreaterThan(1L);
		var finished = seeded.runs().stream().filter(f -> f.run().state() == RunState.FINISHED).findFirst().orElseThrow();
		assertThat(finished.metrics().get("train/loss").pointCount()).isEqualTo(DemoWorkspace.TRAIN_STEPS);
		assertThat(finished.metrics()).containsKeys("val/loss", "val/acc", "system/gpu_util");
		assertThat(finished.params()).containsKeys("optimizer.lr", "model.arch", "batch_size");
		assertThat(finished.tags()).containsKeys("host", "command", "git.commit");
		assertThat(all(orgId, projects.getBySlug(orgId, new Slug("nlp")).id()).total()).isEqualTo(12);

		workspace.destroy();
		workspace = workspace();
		workspace.seed(orgId);

		var again = all(orgId, vision);
		assertThat(again.total()).isEqualTo(DemoWorkspace.SWEEP + 4);
		assertThat(again.runs().stream().filter(f -> f.run().id().equals(finished.run().id())).findFirst()
			.orElseThrow().metrics().get("train/loss").pointCount()).isEqualTo(DemoWorkspace.TRAIN_STEPS);
	}

	@Test
	void one_run_went_quiet_hours_ago_so_the_api_says_it_shows_no_recent_activity_and_a_second_start_keeps_it() {
		var tenant = tenants.create();
		workspace = workspace();
		workspace.seed(tenant.orgId());
		workspace.destroy();
		workspace = workspace();
		workspace.seed(tenant.orgId());

		var vision = projects.getBySlug(tenant.orgId(), new Slug("vision")).id();
		var quiet = search.search(tenant.orgId(), vision,
				new RunSearch.Request("tags.demo = '" + DemoWorkspace.QUIET_TAG + "'", null, 10, null, false, true))
			.runs();
		assertThat(quiet).as("seeded once").hasSize(1);
		var view = new Http(port).bearer(tenant.key(Role.VIEWER)).get("/api/v1/runs/" + quiet.getFirst().run().id())
			.json();
		assertThat(view.get("state").asString()).isEqualTo("RUNNING");
		assertThat(view.get("active").asBoolean()).as("no recent activity").isFalse();
		assertThat(Instant.parse(view.get("lastActivityTime").asString())).isBefore(clock.instant().minus(Duration.ofHours(5)));
		assertThat(view.at("/tags/command").asString()).as("a long command, for the overview").hasSizeGreaterThan(150);
	}

	@Test
	void the_live_run_gains_the_steps_its_age_says_while_the_app_is_up() throws InterruptedException {
		var orgId = tenants.create().orgId();
		// A whole second: PostgreSQL keeps microseconds, so a start time with nanoseconds would come back rounded.
		clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		workspace = workspace();
		workspace.seed(orgId);
		var vision = projects.getBySlug(orgId, new Slug("vision")).id();
		var live = search.search(orgId, vision,
				new RunSearch.Request("tags.demo = '" + DemoWorkspace.LIVE_TAG + "'", null, 1, null, false, false))
			.runs()
			.getFirst();
		assertThat(live.run().state()).isEqualTo(RunState.RUNNING);

		clock.advance(Duration.ofSeconds(10));

		// The writer ticks every second of real time; business time moved by the clock says how far it writes.
		long count = 0;
		for (int i = 0; i < 50 && count < 10 * DemoWorkspace.LIVE_STEPS_PER_TICK; i++) {
			Thread.sleep(100);
			var found = search.search(orgId, vision,
					new RunSearch.Request("run_id = '" + live.run().id() + "'", null, 1, null, false, false));
			var series = found.runs().getFirst().metrics().get("train/loss");
			count = series == null ? 0 : series.pointCount();
		}
		assertThat(count).isEqualTo(10L * DemoWorkspace.LIVE_STEPS_PER_TICK + 1);
	}

	@Test
	void logs_lineage_from_the_prepared_dataset_through_the_sweep_to_the_evaluation_of_the_best_checkpoint() {
		var tenant = tenants.create();
		workspace = workspace();
		var tour = workspace.seed(tenant.orgId());

		var viewer = new Http(port).bearer(tenant.key(Role.VIEWER));
		var graph = viewer.get("/api/v1/runs/" + tour.run().value() + "/lineage").json();
		var names = graph.get("nodes").valueStream()
			.map(node -> node.path("kind").asString() + ":" + node.path(node.path("kind").asString().equals("run")
					? "runName" : "name").asString())
			.toList();
		assertThat(names).contains("artifact:" + DemoWorkspace.DATASET, "run:prepare-" + DemoWorkspace.DATASET);
		assertThat(names).anyMatch(name -> name.startsWith("artifact:ckpt-"));
		assertThat(names).anyMatch(name -> name.startsWith("run:eval-"));
		assertThat(names).anyMatch(name -> name.startsWith("artifact:eval-"));
		assertThat(tour.compare()).as("one architecture at each learning rate").hasSize(5);

		workspace.destroy();
		workspace = workspace();
		workspace.seed(tenant.orgId());
		var artifacts = viewer.get("/api/v1/projects/" + tour.project().value() + "/artifacts").json().get("items");
		assertThat(artifacts.valueStream().filter(a -> a.get("name").asString().equals(DemoWorkspace.DATASET)))
			.as("a second start logs no second dataset").hasSize(1);
	}

	@Test
	void the_live_run_finishes_at_the_length_of_a_sweep_run_and_the_next_one_starts() throws InterruptedException {
		var orgId = tenants.create().orgId();
		clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		workspace = workspace();
		workspace.seed(orgId);
		var vision = projects.getBySlug(orgId, new Slug("vision")).id();

		var live = new RunSearch.Request("tags.demo = '" + DemoWorkspace.LIVE_TAG + "'", null, 10, null, false, false);
		// Near the end first, as real time gets there: the last ticks write steps with no validation point.
		clock.advance(DemoWorkspace.Curves.STEP_TIME.multipliedBy(DemoWorkspace.TRAIN_STEPS - 8));
		for (int i = 0; i < 50 && trainPoints(search.search(orgId, vision, live).runs().getFirst()) < DemoWorkspace.TRAIN_STEPS - 7; i++) {
			Thread.sleep(100);
		}
		assertThat(trainPoints(search.search(orgId, vision, live).runs().getFirst()))
			.isEqualTo(DemoWorkspace.TRAIN_STEPS - 7L);
		clock.advance(Duration.ofSeconds(5));

		for (int i = 0; i < 50 && search.search(orgId, vision, live).runs().size() < 2; i++) {
			Thread.sleep(100);
		}
		var found = search.search(orgId, vision, live).runs();
		assertThat(found).hasSize(2);
		assertThat(found.get(0).run().state()).isEqualTo(RunState.RUNNING);
		assertThat(found.get(1).run().state()).isEqualTo(RunState.FINISHED);
		assertThat(found.get(1).metrics().get("train/loss").maxStep()).as("no longer than a sweep run")
			.isEqualTo(DemoWorkspace.TRAIN_STEPS - 1L);
	}

	private static long trainPoints(RunSearch.Found found) {
		var series = found.metrics().get("train/loss");
		return series == null ? 0 : series.pointCount();
	}
}
