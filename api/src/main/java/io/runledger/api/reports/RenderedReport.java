package io.runledger.api.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.runledger.api.artifacts.ArtifactReferences;
import io.runledger.api.tracking.Sampling;

/**
 * The data of every panel of one report version, as one answer. Only what the panels show is in it: the runs of each
 * panel's run set, the chosen metrics and columns. It is also exactly what a snapshot share link keeps.
 */
record RenderedReport(String reportId, int version, Instant renderedAt, List<PanelData> panels) {

	sealed interface PanelData {

		String blockId();

		String type();
	}

	record RunRef(String id, String name) {
	}

	/**
	 * One series; x and y for LTTB and RAW, bucket envelopes for BUCKETS. On the step axis x holds the steps as
	 * integers ({@code long[]}: exact, and half the cost of writing doubles in a large answer), else {@code double[]}.
	 */
	record ChartSeries(String runId, String key, long pointCount, Object x, double[] y, Sampling.Buckets buckets) {
	}

	record ChartData(String blockId, String type, String xAxis, String mode, List<RunRef> runs,
			List<ChartSeries> series) implements PanelData {
	}

	record TableRow(String runId, Map<String, Object> cells) {
	}

	record TableData(String blockId, String type, List<String> columns, List<TableRow> rows) implements PanelData {
	}

	record ComparisonRow(String runId, String name, Map<String, Double> values) {
	}

	/**
	 * An artifact block resolved at render time: {@code artifact} is the committed version it named then (its files
	 * are what a share link may download), or null when nothing matches any more.
	 */
	record ArtifactData(String blockId, String type, String artifactName, String ref,
			ArtifactReferences.Resolved artifact) implements PanelData {
	}

	record ComparisonData(String blockId, String type, String aggregate, List<String> metrics,
			List<ComparisonRow> rows) implements PanelData {
	}
}
