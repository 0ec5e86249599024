package io.runledger.api.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.runledger.api.artifacts.LogArtifact;
import io.runledger.api.mlflow.RegisterModel;
import io.runledger.api.reports.PublishReport;
import io.runledger.api.reports.ReportId;
import io.runledger.api.tracking.MetricBatch;
import io.runledger.api.tracking.MetricWriter;
import io.runledger.api.tracking.Run;
import io.runledger.api.tracking.RunSearch;
import io.runledger.api.tracking.RunState;
import io.runledger.api.tracking.Runs;
import io.runledger.api.tracking.SeriesPoints;
import io.runledger.api.tracking.StartRun;
import io.runledger.auth.CallerIdentity;
import io.runledger.tenancy.Actor;
import io.runledger.tenancy.NotFoundException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.TenantTransactions;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.Projects;
import io.runledger.tenancy.Role;
import io.runledger.tenancy.RunId;
import io.runledger.tenancy.Slug;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's workspace data, so the first look at the UI is a real one: project {@code vision} holds a learning-rate
 * sweep of {@value #SWEEP} runs (config, train/val curves of thousands of points, system metrics, tags, groups; some
 * diverge and fail, a few stop without a word and the crash detector marks them CRASHED; host, command and git
 * commit as tags), artifacts with lineage (a data-preparation run produces the dataset every run consumes, the
 * finished candidates produce checkpoints, an evaluation run consumes the best one), and a live run that keeps being
 * written while the app is up: as long as a sweep run, so it does not squash the others on a shared x-axis; when it
 * finishes, the next one starts; and one evaluation run that went quiet hours ago (RUNNING, its client never
 * heartbeats), which the UI shows as "No recent activity". Project {@code nlp} holds a dozen runs logged the MLflow way (its system tags name
 * source and commit); {@code demo} stays empty to show the empty state.
 *
 * <p>
 * Points go through {@link MetricWriter}'s bulk path, one batch per run, each with a batch id, so a second start
 * (or a crash half-way) never duplicates a point: the database's batch-id constraint decides. A project that already
 * has runs is not seeded again.
 */
@Component
@ConditionalOnProperty(name = "runledger.demo.enabled", havingValue = "true")
class DemoWorkspace implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

	static final int SWEEP = 200;

	static final int TRAIN_STEPS = 3000;

	/** The live run gains this many steps per tick; the tick is a second. */
	static final int LIVE_STEPS_PER_TICK = 5;

	static final String LIVE_TAG = "live-demo";

	private static final String[] ARCHS = { "resnet-18", "resnet-50", "vit-s16", "convnext-t" };

	private static final double[] LRS = { 1e-4, 3e-4, 1e-3, 3e-3, 1e-2 };

	private static final String[] OPTIMIZERS = { "adamw", "sgd" };

	private static final String[] PEOPLE = { "alice@acme.test", "adam@acme.test", "mia@acme.test" };

	private final Projects projects;

	private final StartRun startRun;

	private final Runs runs;

	private final MetricWriter metrics;

	private final RunSearch search;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private ScheduledExecutorService live;

	private final PublishReport publishReport;

	private final LogArtifact logArtifact;

	private final JdbcClient jdbc;

	private final TenantTransactions tx;

	private final RegisterModel registerModel;

	DemoWorkspace(Projects projects, StartRun startRun, Runs runs, MetricWriter metrics, RunSearch search, Clock clock,
			PublishReport publishReport, LogArtifact logArtifact, JdbcClient jdbc, TenantTransactions tx,
			RegisterModel registerModel) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.registerModel = registerModel;
		this.publishReport = publishReport;
		this.logArtifact = logArtifact;
		this.projects = projects;
		this.startRun = startRun;
		this.runs = runs;
		this.metrics = metrics;
		this.search = search;
		this.clock = clock;
	}

	/**
	 * Where to look once it is seeded: the sweep's project, a run with lineage, runs worth comparing, the report and,
	 * when this start made it, its share link's token (a token is only known when the link is made).
	 */
	record Tour(ProjectId project, RunId run, List<RunId> compare, ReportId report, Optional<String> shareToken) {
	}

	Tour seed(OrgId orgId) {
		long started = System.nanoTime();
		var vision = project(orgId, "vision", "Vision", "Image classification: the week-47 learning-rate sweep");
		if (isEmpty(orgId, vision)) {
			seedSweep(orgId, vision);
		}
		var nlp = project(orgId, "nlp", "NLP", "Fine-tuning small language models");
		if (isEmpty(orgId, nlp)) {
			seedSmall(orgId, nlp);
		}
		var best = seedLineage(orgId, vision);
		var compare = compared(orgId, vision);
		seedModel(orgId, best, compare);
		var report = publishReport(orgId, vision);
		startLiveRun(orgId, vision);
		seedQuietRun(orgId, vision);
		log.info("Demo workspace ready in {} ms", (System.nanoTime() - started) / 1_000_000);
		return new Tour(vision, best, compare, report.reportId(), report.shareToken());
	}

	static final String MODEL = "resnet-classifier";

	/**
	 * A registered model in MLflow's registry, so the Models page is not empty: version 1 from another run of the
	 * sweep (archived), version 2 from the best run (Production, alias {@code champion}). Made through the same code
	 * as the MLflow API; an organisation that already has the model keeps it as it is.
	 */
	private void seedModel(OrgId orgId, RunId best, List<RunId> compared) {
		var caller = new CallerIdentity(orgId, Actor.user(DemoSeed.userId(PEOPLE[0])), Role.OWNER, "demo-seed");
		if (best == null || registerModel.exists(caller, MODEL)) {
			return;
		}
		var earlier = compared.stream().filter(run -> !run.equals(best)).findFirst().orElse(best);
		registerModel.register(caller, MODEL, "ImageNet-100 classifier from the week-47 learning-rate sweep.",
				Map.of("task", "image-classification", "team", "vision"),
				List.of(new RegisterModel.Version("runs:/" + hex(earlier) + "/model", earlier,
						"First candidate of the sweep.", "Archived", Map.of("dataset", DATASET)),
						new RegisterModel.Version("runs:/" + hex(best) + "/model", best,
								"Best validation loss of the sweep (AdamW, lr 3e-4).", "Production",
								Map.of("dataset", DATASET, "validated", "true"))),
				Map.of("champion", 2));
	}

	private static String hex(RunId run) {
		return run.value().toString().replace("-", "");
	}

	/** Report links are made by the one who publishes the report. */
	String newShareLink(OrgId orgId, ReportId report) {
		return publishReport.newShareLink(orgId, report, Actor.user(DemoSeed.userId(PEOPLE[0])));
	}

	static final String REPORT_TITLE = "Week 47: learning-rate sweep";

	/** A live report on the sweep (its run sets are filters, so it follows the live run) and a share link to it. */
	private PublishReport.Published publishReport(OrgId orgId, ProjectId vision) {
		var candidates = """
				{"filter": "tags.stage = 'candidate'", "orderBy": ["metrics.val/loss ASC"], "limit": 10}""";
		var content = json.readTree("""
				{"title": "%s", "description": "What the week-47 sweep taught us about learning rates.",
				 "blocks": [
				  {"type": "markdown",
				   "text": "## Findings\\n\\nAbove **1e-2** most runs diverge; **3e-4** with AdamW trains best."},
				  {"type": "lineChart", "title": "Validation loss of the candidates (live)", "runSet": %s,
				   "metrics": ["val/loss"], "xAxis": "step"},
				  {"type": "runsTable", "title": "Candidates, best first", "runSet": %s,
				   "columns": ["name", "state", "params.optimizer.name", "params.optimizer.lr", "params.model.arch",
				               "metrics.val/loss"]}
				 ]}""".formatted(REPORT_TITLE, candidates, candidates));
		var published = publishReport.once(orgId, vision, content, Actor.user(DemoSeed.userId(PEOPLE[0])));
		log.info("Demo report: /reports/{}", published.reportId());
		published.shareToken().ifPresent(token -> log.info("Demo report's share link (shown once): /shared/{}", token));
		return published;
	}

	private ProjectId project(OrgId orgId, String slug, String name, String description) {
		try {
			return projects.getBySlug(orgId, new Slug(slug)).id();
		}
		catch (NotFoundException e) {
			return projects.create(orgId, new Slug(slug), name, description).id();
		}
	}

	private boolean isEmpty(OrgId orgId, ProjectId project) {
		return search.search(orgId, project, new RunSearch.Request(null, null, 1, null, false, true)).runs().isEmpty();
	}

	private void seedSweep(OrgId orgId, ProjectId project) {
		var random = new Random(47);
		var now = clock.instant();
		for (int i = 0; i < SWEEP; i++) {
			var arch = ARCHS[i % ARCHS.length];
			double lr = LRS[(i / ARCHS.length) % LRS.length];
			var optimizer = OPTIMIZERS[(i / (ARCHS.length * LRS.length)) % OPTIMIZERS.length];
			int seed = i / (ARCHS.length * LRS.length * OPTIMIZERS.length);
			int batch = 64 << (i % 3);
			var config = json.createObjectNode();
			config.putObject("optimizer").put("name", optimizer).put("lr", lr).put("weight_decay", 0.05);
			config.putObject("model").put("arch", arch).put("dropout", 0.1 * (i % 3));
			config.put("batch_size", batch).put("seed", seed).put("epochs", 30);
			config.putObject("data").put("dataset", "imagenet-subset").put("augment", i % 2 == 0 ? "randaug" : "none");
			// Large learning rates with SGD blow up; a few runs just stop (a preempted node).
			boolean diverges = lr >= 1e-2 || (lr >= 3e-3 && optimizer.equals("sgd"));
			boolean crashes = !diverges && i % 37 == 11;
			var start = now.minus(Duration.ofHours(2L * (SWEEP - i))).minusSeconds(random.nextInt(600));
			var name = arch + "-lr" + lrName(lr) + "-" + optimizer + "-s" + seed;
			var tags = new LinkedHashMap<String, String>(Map.of("sweep", "lr-week47", "stage",
					i % 10 == 0 ? "candidate" : "dev", "arch", arch));
			tags.putAll(source(random, "gpu-node-%02d".formatted(1 + i % 8),
					"python train.py --config sweeps/lr-week47.yaml --arch %s --lr %s --optimizer %s --seed %d"
						.formatted(arch, lrName(lr), optimizer, seed)));
			var run = startRun.start(orgId, project,
					new Runs.NewRun(name, "lr-sweep/" + arch, null, start, true), tags,
					config, Actor.user(DemoSeed.userId(PEOPLE[i % PEOPLE.length])));
			int steps = diverges ? 600 + random.nextInt(900) : crashes ? 1200 + random.nextInt(1200) : TRAIN_STEPS;
			var curves = Curves.of(random, lr, arch, diverges);
			metrics.write(orgId, run.id(), new MetricBatch("demo-seed", curves.points(start, 0, steps)));
			if (!crashes) {
				var end = start.plus(Curves.STEP_TIME.multipliedBy(steps));
				runs.changeState(orgId, run.id(), diverges ? RunState.FAILED : RunState.FINISHED, end);
			}
		}
	}

	private void seedSmall(OrgId orgId, ProjectId project) {
		var random = new Random(7);
		var now = clock.instant();
		for (int i = 0; i < 12; i++) {
			var config = json.createObjectNode();
			config.putObject("model").put("name", i % 2 == 0 ? "distilbert" : "tinyllama-1b");
			config.putObject("lora").put("rank", 4 << (i % 3)).put("alpha", 16);
			config.put("lr", 2e-5 * (1 + i % 4));
			var start = now.minus(Duration.ofDays(3)).plus(Duration.ofHours(5L * i));
			var run = startRun.start(orgId, project, new Runs.NewRun("ft-" + (i + 1), "lora", null, start, true),
					Map.of("task", i % 3 == 0 ? "sst2" : "mnli", "mlflow.source.name", "finetune.py", "mlflow.source.type",
							"LOCAL", "mlflow.source.git.commit", HexFormat.of().formatHex(bytes(random, 20)),
							"mlflow.user", PEOPLE[i % PEOPLE.length].substring(0, PEOPLE[i % PEOPLE.length].indexOf('@'))),
					config, Actor.user(DemoSeed.userId(PEOPLE[i % PEOPLE.length])));
			var curves = Curves.of(random, 1e-4, "nlp", false);
			metrics.write(orgId, run.id(), new MetricBatch("demo-seed", curves.points(start, 0, 800)));
			runs.changeState(orgId, run.id(), RunState.FINISHED, start.plus(Curves.STEP_TIME.multipliedBy(800)));
		}
	}

	static final String DATASET = "imagenet-subset";

	/**
	 * The sweep's lineage, once per project (a project seeded before lineage existed gets it too): a data-preparation
	 * run produces the dataset every run consumes, each finished candidate produces a checkpoint, and an evaluation
	 * run consumes the best checkpoint (the lowest last val/loss, alias {@code best}) and produces its results.
	 *
	 * @return the run that produced the best checkpoint (null when the sweep has no runs left)
	 */
	private RunId seedLineage(OrgId orgId, ProjectId project) {
		var sweep = search.search(orgId, project,
				new RunSearch.Request("tags.sweep = 'lr-week47'", null, 1000, null, false, false)).runs();
		var candidates = sweep.stream()
			.filter(found -> found.run().state() == RunState.FINISHED && "candidate".equals(found.tags().get("stage")))
			.filter(found -> found.metrics().get("val/loss") != null)
			.sorted(Comparator.comparingDouble(found -> found.metrics().get("val/loss").lastValue()))
			.toList();
		if (candidates.isEmpty()) {
			// A workspace someone emptied by hand: nothing to hang lineage on, and the app must still start.
			log.info("Demo lineage: no finished candidate in the sweep, none seeded");
			return sweep.isEmpty() ? null : sweep.getFirst().run().id();
		}
		var best = candidates.getFirst();
		if (logArtifact.find(orgId, project, DATASET).isPresent()) {
			return best.run().id();
		}
		var random = new Random(11);
		var alice = Actor.user(DemoSeed.userId(PEOPLE[0]));
		var oldest = sweep.stream().map(found -> found.run().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
		var prepStart = oldest.minus(Duration.ofHours(6));
		var config = json.createObjectNode();
		config.put("source", "imagenet-1k").put("classes", 100).put("images_per_class", 300).put("resolution", 224);
		var prep = startRun.start(orgId, project, new Runs.NewRun("prepare-" + DATASET, "data", null, prepStart, true),
				source(random, "cpu-node-01", "python prepare.py --classes 100 --per-class 300 --out data/"), config,
				alice);
		runs.changeState(orgId, prep.id(), RunState.FINISHED, prepStart.plus(Duration.ofMinutes(42)));
		var dataset = logArtifact.version(orgId, project, DATASET, "dataset",
				"100 ImageNet classes, 300 training images each, resized to 224 px",
				"{\"classes\": 100, \"images\": 30000, \"resolution\": 224}", prep.id(),
				List.of(text("manifest.json", "{\"classes\": 100, \"train\": 30000, \"val\": 5000, \"shards\": 12}\n"),
						text("classes.txt", "tench\ngoldfish\ngreat white shark\ntiger shark\nhammerhead\n")),
				List.of("stable"), alice);
		for (var found : sweep) {
			logArtifact.consumed(orgId, found.run().id(), dataset);
		}
		LogArtifact.Logged bestCheckpoint = null;
		for (var found : candidates) {
			var run = found.run();
			var checkpoint = logArtifact.version(orgId, project, "ckpt-" + run.name(), "model",
					"Final weights of " + run.name(),
					"{\"val_loss\": %s, \"steps\": %d}".formatted(found.metrics().get("val/loss").lastValue(), TRAIN_STEPS),
					run.id(), List.of(new LogArtifact.File("model.safetensors", bytes(random, 96 * 1024)),
							text("config.json", run.configJson())),
					found == best ? List.of("best") : List.of(), alice);
			if (found == best) {
				bestCheckpoint = checkpoint;
			}
		}
		var evalStart = best.run().endedAt().plus(Duration.ofMinutes(20));
		var evalConfig = json.createObjectNode();
		evalConfig.put("checkpoint", bestCheckpoint.name() + ":v" + bestCheckpoint.version()).put("split", "val")
			.put("batch_size", 512);
		var eval = startRun.start(orgId, project,
				new Runs.NewRun("eval-" + best.run().name(), "eval", "Held-out evaluation of the sweep's best checkpoint.",
						evalStart, true),
				source(random, "gpu-node-02", "python evaluate.py --checkpoint " + bestCheckpoint.name() + ":best"),
				evalConfig, alice);
		logArtifact.consumed(orgId, eval.id(), bestCheckpoint);
		logArtifact.consumed(orgId, eval.id(), dataset);
		// Under val/: the evaluation is of the validation split, and it lines up with the sweep's val/ charts.
		var top1 = new io.runledger.api.tracking.SeriesPoints("val/top1", 1);
		var top5 = new io.runledger.api.tracking.SeriesPoints("val/top5", 1);
		long ts = evalStart.plus(Duration.ofMinutes(6)).toEpochMilli();
		top1.add(0, ts, 0.781);
		top5.add(0, ts, 0.934);
		metrics.write(orgId, eval.id(), new MetricBatch("demo-seed", List.of(top1, top5)));
		logArtifact.version(orgId, project, "eval-" + best.run().name(), "evaluation",
				"Top-1 and top-5 accuracy per class on the held-out split", null, eval.id(),
				List.of(text("results.json", "{\"top1\": 0.781, \"top5\": 0.934}\n")), List.of(), alice);
		runs.changeState(orgId, eval.id(), RunState.FINISHED, evalStart.plus(Duration.ofMinutes(7)));
		return best.run().id();
	}

	/** Runs worth comparing: one architecture at every learning rate of the sweep, AdamW, seed 0. */
	private List<RunId> compared(OrgId orgId, ProjectId project) {
		return search.search(orgId, project, new RunSearch.Request(
				"tags.arch = 'resnet-50' and params.optimizer.name = 'adamw' and params.seed = '0'", null, LRS.length,
				null, false, false))
			.runs()
			.stream()
			.map(found -> found.run().id())
			.toList();
	}

	/** Where a run ran and what it ran, as the tags a client logs (the run page shows them in its overview). */
	private static Map<String, String> source(Random random, String host, String command) {
		var tags = new LinkedHashMap<String, String>();
		tags.put("host", host);
		tags.put("command", command);
		tags.put("git.commit", HexFormat.of().formatHex(bytes(random, 20)));
		tags.put("git.branch", "main");
		tags.put("git.remote", "git@github.com:acme/vision.git");
		return tags;
	}

	private static byte[] bytes(Random random, int size) {
		var bytes = new byte[size];
		random.nextBytes(bytes);
		return bytes;
	}

	private static LogArtifact.File text(String path, String content) {
		return new LogArtifact.File(path, content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * One RUNNING run gains points every second while the app is up, so live follow has something to follow. It is as
	 * long as a sweep run ({@value #TRAIN_STEPS} steps, ten minutes at {@value #LIVE_STEPS_PER_TICK} steps a second),
	 * so the sweep's curves are not squashed beside it; when it ends, it finishes and the next live run starts. After a
	 * restart the same run continues at the step its age says (the downtime is a gap), or ends at once if its time is
	 * up. Only the last {@value #KEEP_FINISHED_LIVE_RUNS} finished live runs are kept.
	 */
	private void startLiveRun(OrgId orgId, ProjectId project) {
		var found = search.search(orgId, project,
				new RunSearch.Request("tags.demo = '" + LIVE_TAG + "'", null, 1, null, false, false));
		var current = new LiveRun[1];
		if (found.runs().isEmpty() || found.runs().getFirst().run().state() != RunState.RUNNING) {
			current[0] = newLiveRun(orgId, project);
		}
		else {
			current[0] = new LiveRun(found.runs().getFirst().run());
		}
		live = Executors.newSingleThreadScheduledExecutor(r -> {
			var thread = new Thread(r, "demo-live-run");
			thread.setDaemon(true);
			return thread;
		});
		live.scheduleWithFixedDelay(() -> {
			try {
				var run = current[0];
				long to = Math.min(stepAt(run.start(), clock.instant()), TRAIN_STEPS - 1);
				if (to > run.written) {
					metrics.write(orgId, run.id(), new MetricBatch(null, LIVE_CURVES.points(run.start(), run.written + 1, to + 1)));
					run.written = to;
				}
				if (run.written >= TRAIN_STEPS - 1) {
					runs.changeState(orgId, run.id(), RunState.FINISHED,
							run.start().plus(Curves.STEP_TIME.multipliedBy(TRAIN_STEPS)));
					current[0] = newLiveRun(orgId, project);
				}
			}
			catch (RuntimeException e) {
				// A stopped database or a reopened run must not kill the thread; the next tick tries again.
				log.debug("Demo live run: {}", e.getMessage());
			}
		}, 1, 1, TimeUnit.SECONDS);
	}

	static final String QUIET_TAG = "went-quiet";

	/**
	 * An evaluation that went quiet: RUNNING, its client never heartbeats (MLflow's way, so the crash detector leaves
	 * it alone for the abandon timeout), and its last point and sign of life some hours ago, so the table and its page
	 * show "No recent activity" instead of the pulsing Running. No API sets a past sign of life (a write is a sign of
	 * life now), so its times are set back here, after its points are written; its tracked time ends there too
	 * ({@code metered_until}), as if the silence had come about by itself. Seeded once (found again by its tag).
	 */
	private void seedQuietRun(OrgId orgId, ProjectId project) {
		var found = search.search(orgId, project,
				new RunSearch.Request("tags.demo = '" + QUIET_TAG + "'", null, 1, null, false, true));
		if (!found.runs().isEmpty()) {
			return;
		}
		var random = new Random(11);
		var start = clock.instant().minus(Duration.ofHours(6));
		var tags = new LinkedHashMap<String, String>(Map.of("demo", QUIET_TAG, "stage", "eval", "arch", "resnet-50"));
		tags.putAll(source(random, "gpu-node-07",
				"python -m vision.evaluate --checkpoint s3://acme-ml-artifacts/vision/checkpoints/resnet-50-lr3e-4-adamw-s0/"
						+ "epoch-030/model.safetensors --suite imagenet-c --corruptions all --severity 1,2,3,4,5 "
						+ "--batch-size 256 --workers 8 --report-to runledger"));
		var config = json.createObjectNode();
		config.put("suite", "imagenet-c").put("severities", 5).put("batch_size", 256);
		var run = startRun.start(orgId, project,
				new Runs.NewRun("robustness-imagenet-c-resnet-50", "eval", null, start, false), tags, config,
				Actor.user(DemoSeed.userId(PEOPLE[1])));
		long steps = 240;
		var curves = Curves.of(random, 3e-4, "resnet-50", false);
		metrics.write(orgId, run.id(), new MetricBatch("demo-seed", curves.points(start, 0, steps)));
		var lastSign = Timestamp.from(start.plus(Curves.STEP_TIME.multipliedBy(steps)));
		tx.writeVoid(orgId, () -> jdbc.sql("""
				update runs set heartbeat_at = ?, metered_until = ?, running_since = ?
				where org_id = ? and run_id = ? and state = 'RUNNING'""")
			.params(lastSign, lastSign, Timestamp.from(start), orgId.value(), run.id().value())
			.update());
	}

	static final int KEEP_FINISHED_LIVE_RUNS = 2;

	private static final Curves LIVE_CURVES = Curves.of(new Random(9), 3e-4, "vit-s16", false);

	/** The live run being written: the step written last is only the writer thread's business. */
	private final class LiveRun {

		private final Run run;

		private long written;

		LiveRun(Run run) {
			this.run = run;
			this.written = Math.min(stepAt(run.startedAt(), clock.instant()), TRAIN_STEPS) - 1;
		}

		RunId id() {
			return run.id();
		}

		Instant start() {
			return run.startedAt();
		}
	}

	private LiveRun newLiveRun(OrgId orgId, ProjectId project) {
		var earlier = search.search(orgId, project,
				new RunSearch.Request("tags.demo = '" + LIVE_TAG + "'", null, 1000, null, false, true)).runs();
		var alice = Actor.user(DemoSeed.userId(PEOPLE[0]));
		// Newest first: keep the latest few, so a long uptime does not fill the project with live runs.
		earlier.stream()
			.filter(found -> found.run().state() != RunState.RUNNING && found.run().deletedAt() == null)
			.skip(KEEP_FINISHED_LIVE_RUNS)
			.forEach(found -> runs.setDeleted(orgId, found.run().id(), true, alice));
		var config = json.createObjectNode();
		config.putObject("optimizer").put("name", "adamw").put("lr", 3e-4).put("weight_decay", 0.05);
		config.putObject("model").put("arch", "vit-s16").put("dropout", 0.1);
		config.put("batch_size", 256).put("seed", 9).put("epochs", 30);
		var tags = new LinkedHashMap<String, String>(Map.of("demo", LIVE_TAG, "stage", "candidate", "arch", "vit-s16"));
		tags.putAll(source(new Random(earlier.size()), "gpu-node-07",
				"python train.py --config configs/vit-s16.yaml --lr 3e-4 --seed 9"));
		var run = startRun.start(orgId, project,
				new Runs.NewRun("vit-s16-live-" + (earlier.size() + 1), "live", "Still training.", null, true), tags,
				config, alice);
		logArtifact.find(orgId, project, DATASET)
			.ifPresent(dataset -> logArtifact.consumed(orgId, run.id(), new LogArtifact.Logged(dataset, DATASET, 1)));
		return new LiveRun(run);
	}

	private static long stepAt(Instant start, Instant now) {
		return Math.max(0, Duration.between(start, now).toMillis() / (1000 / LIVE_STEPS_PER_TICK));
	}

	private static String lrName(double lr) {
		var text = String.format("%.0e", lr);
		return text.replace("e-0", "e-");
	}

	@Override
	public void destroy() {
		if (live != null) {
			live.shutdownNow();
		}
	}

	/** Plausible training curves for one run: noisy decaying loss, an accuracy that saturates, system metrics. */
	record Curves(double floor, double speed, double noise, long seed, boolean diverges, int divergeAt) {

		static final Duration STEP_TIME = Duration.ofMillis(200);

		static Curves of(Random random, double lr, String arch, boolean diverges) {
			double capacity = switch (arch) {
				case "resnet-50", "convnext-t" -> 0.35;
				case "vit-s16" -> 0.3;
				default -> 0.5;
			};
			double speed = Math.min(1.0, lr * 2000) * (0.8 + 0.4 * random.nextDouble());
			return new Curves(capacity + 0.1 * random.nextDouble(), speed, 0.03 + 0.02 * random.nextDouble(),
					random.nextLong(), diverges, 300 + random.nextInt(300));
		}

		/** Points for steps [from, to); val every 10 steps, system metrics every 5. */
		List<SeriesPoints> points(Instant start, long from, long to) {
			int n = (int) Math.max(0, to - from);
			var train = new SeriesPoints("train/loss", n);
			var lrCurve = new SeriesPoints("train/lr", n);
			var valLoss = new SeriesPoints("val/loss", n / 10 + 1);
			var valAcc = new SeriesPoints("val/acc", n / 10 + 1);
			var gpu = new SeriesPoints("system/gpu_util", n / 5 + 1);
			var memory = new SeriesPoints("system/gpu_memory_gb", n / 5 + 1);
			for (long step = from; step < to; step++) {
				// Noise from the step, not a running generator: the live run's points do not depend on restarts.
				var random = new Random(seed * 31 + step);
				long ts = start.plus(STEP_TIME.multipliedBy(step)).toEpochMilli();
				double loss = loss(step) * (1 + noise * random.nextGaussian());
				train.add(step, ts, loss);
				lrCurve.add(step, ts, 3e-4 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, step / (double) TRAIN_STEPS))));
				if (step % 10 == 0) {
					double val = loss(step) * 1.08 + 0.02 * random.nextGaussian();
					valLoss.add(step, ts, val);
					valAcc.add(step, ts, Math.max(0, Math.min(1, 1 - val / 2.6 + 0.01 * random.nextGaussian())));
				}
				if (step % 5 == 0) {
					gpu.add(step, ts, Math.min(100, 88 + 8 * random.nextGaussian()));
					memory.add(step, ts, 14.2 + 0.3 * random.nextGaussian());
				}
			}
			// A few steps may hold no validation step (every 10th) or system sample (every 5th): a batch carries
			// only series with points, since the writer refuses an empty one; the live run's last ticks are such.
			var series = new ArrayList<SeriesPoints>(List.of(train, lrCurve));
			if (LongStream.range(from, to).anyMatch(step -> step % 10 == 0)) {
				series.addAll(List.of(valLoss, valAcc));
			}
			if (LongStream.range(from, to).anyMatch(step -> step % 5 == 0)) {
				series.addAll(List.of(gpu, memory));
			}
			return series;
		}

		private double loss(long step) {
			double base = floor + (2.4 - floor) * Math.exp(-speed * step / 400.0);
			if (diverges && step > divergeAt) {
				return base * Math.exp((step - divergeAt) / 120.0);
			}
			return base;
		}
	}
}
