package io.runledger.api.reports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

import io.runledger.api.artifacts.ArtifactReferences;
import io.runledger.api.tracking.RunSearch;
import io.runledger.api.tracking.SeriesQueries;
import io.runledger.api.tracking.SeriesReader;
import io.runledger.api.tracking.search.RunField;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;

/**
 * Renders every panel of a report in one pass through the runs pages' own code: run sets through the run search,
 * charts through the series queries (server-side LTTB or bucket envelopes, EMA smoothing), tables and comparisons
 * from the search's metric summaries. Nothing outside the panels' run sets and chosen fields is read into the answer.
 */
@Component
class ReportRenderer {

	private static final int PARALLEL_PANELS = 4;

	private final RunSets runSets;

	private final SeriesQueries series;

	private final Clock clock;

	private final ArtifactReferences artifacts;

	ReportRenderer(RunSets runSets, SeriesQueries series, Clock clock, ArtifactReferences artifacts) {
		this.artifacts = artifacts;
		this.runSets = runSets;
		this.series = series;
		this.clock = clock;
	}

	RenderedReport render(OrgId orgId, ProjectId projectId, ReportId reportId, int version, ReportContent content) {
		var renderedAt = clock.instant();
		var resolver = runSets.resolver(orgId, projectId);
		var panels = content.panels();
		var runs = panels.stream().map(panel -> resolver.runs(panel.runSet())).toList();
		// Charts are independent reads that each decode up to a few hundred thousand points: a few at a time keeps
		// both the cores and the database busy, within a small share of the connection pool.
		var rendered = new ArrayList<Future<RenderedReport.PanelData>>();
		var slots = new Semaphore(PARALLEL_PANELS);
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < panels.size(); i++) {
				var panel = panels.get(i);
				var panelRuns = runs.get(i);
				rendered.add(executor.submit(() -> {
					slots.acquire();
					try {
						return switch (panel) {
							case Block.LineChart chart -> chart(orgId, chart, panelRuns);
							case Block.RunsTable table -> table(table, panelRuns);
							case Block.ScalarComparison comparison -> comparison(comparison, panelRuns);
						};
					}
					finally {
						slots.release();
					}
				}));
			}
			var data = new ArrayList<RenderedReport.PanelData>();
			for (var future : rendered) {
				data.add(future.get());
			}
			for (var block : content.blocks()) {
				if (block instanceof Block.ArtifactReference reference) {
					data.add(new RenderedReport.ArtifactData(reference.id(), reference.type(), reference.artifactName(),
							reference.ref(), artifacts.resolve(orgId, projectId, reference.artifactName(), reference.ref())
								.orElse(null)));
				}
			}
			return new RenderedReport(reportId.toString(), version, renderedAt, data);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while rendering report " + reportId, e);
		}
	}

	private RenderedReport.ChartData chart(OrgId orgId, Block.LineChart chart, List<RunSearch.Found> runs) {
		var refs = runs.stream().map(ReportRenderer::ref).toList();
		var data = new ArrayList<RenderedReport.ChartSeries>();
		if (!runs.isEmpty()) {
			var query = new SeriesQueries.Query(runs.stream().map(found -> found.run().id()).toList(), chart.metrics(),
					chart.xAxis(), chart.mode(), chart.points(), chart.smoothing(), Long.MIN_VALUE, Long.MAX_VALUE,
					null, null);
			for (var result : series.query(orgId, query)) {
				var x = chart.xAxis().equals("step") && result.steps() != null ? result.steps() : result.x();
				data.add(new RenderedReport.ChartSeries(result.runId().toString(), result.key(), result.pointCount(),
						x, result.y(), result.buckets()));
			}
		}
		return new RenderedReport.ChartData(chart.id(), chart.type(), chart.xAxis(), chart.mode().name(), refs, data);
	}

	private static RenderedReport.TableData table(Block.RunsTable table, List<RunSearch.Found> runs) {
		var fields = table.columns().stream().map(column -> ReportJson.column(column, table.id())).toList();
		var rows = new ArrayList<RenderedReport.TableRow>();
		for (var found : runs) {
			var cells = new LinkedHashMap<String, Object>();
			cells.put("name", found.run().name());
			for (int i = 0; i < fields.size(); i++) {
				var value = cell(found, fields.get(i));
				if (value != null) {
					cells.put(table.columns().get(i), value);
				}
			}
			rows.add(new RenderedReport.TableRow(found.run().id().toString(), cells));
		}
		return new RenderedReport.TableData(table.id(), table.type(), table.columns(), rows);
	}

	private static Object cell(RunSearch.Found found, RunField field) {
		var run = found.run();
		return switch (field) {
			case RunField.Param param -> found.params().get(param.key());
			case RunField.Tag tag -> found.tags().get(tag.key());
			case RunField.Metric metric -> summary(found.metrics().get(metric.key()), metric.aggregate());
			case RunField.Attribute attribute -> switch (attribute.attribute()) {
				case NAME -> run.name();
				case STATE -> run.state().name();
				case GROUP -> run.group();
				case CREATED_BY -> run.createdBy();
				case STARTED_AT -> run.startedAt() == null ? null : run.startedAt().toString();
				case ENDED_AT -> run.endedAt() == null ? null : run.endedAt().toString();
				default -> null;
			};
		};
	}

	private static RenderedReport.ComparisonData comparison(Block.ScalarComparison comparison,
			List<RunSearch.Found> runs) {
		var rows = new ArrayList<RenderedReport.ComparisonRow>();
		for (var found : runs) {
			var values = new LinkedHashMap<String, Double>();
			for (var key : comparison.metrics()) {
				var value = summary(found.metrics().get(key), comparison.aggregate());
				if (value != null) {
					values.put(key, value);
				}
			}
			rows.add(new RenderedReport.ComparisonRow(found.run().id().toString(), found.run().name(), values));
		}
		return new RenderedReport.ComparisonData(comparison.id(), comparison.type(),
				comparison.aggregate().name().toLowerCase(Locale.ROOT), comparison.metrics(), rows);
	}

	private static Double summary(SeriesReader.SeriesInfo info, RunField.Aggregate aggregate) {
		if (info == null) {
			return null;
		}
		return switch (aggregate) {
			case LAST -> info.lastValue();
			case MIN -> info.min();
			case MAX -> info.max();
		};
	}

	private static RenderedReport.RunRef ref(RunSearch.Found found) {
		return new RenderedReport.RunRef(found.run().id().toString(), found.run().name());
	}
}
