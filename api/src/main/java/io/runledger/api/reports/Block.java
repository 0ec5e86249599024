package io.runledger.api.reports;

import java.util.List;

import io.runledger.api.tracking.SeriesQueries;
import io.runledger.api.tracking.search.RunField;

/** One block of a report, in order. Panels render run data; markdown and artifact references are data only. */
sealed interface Block {

	String id();

	String type();

	/** A block that renders data of a run set. */
	sealed interface Panel extends Block {

		RunSet runSet();
	}

	record Markdown(String id, String text) implements Block {

		@Override
		public String type() {
			return "markdown";
		}
	}

	/** Chosen metrics of every run of the run set, read and reduced server-side like the runs page's charts. */
	record LineChart(String id, String title, RunSet runSet, List<String> metrics, String xAxis,
			SeriesQueries.Mode mode, int points, Double smoothing) implements Panel {

		@Override
		public String type() {
			return "lineChart";
		}
	}

	/** The run set as a table with chosen columns (attributes, params.*, tags.*, metrics.*). */
	record RunsTable(String id, String title, RunSet runSet, List<String> columns) implements Panel {

		@Override
		public String type() {
			return "runsTable";
		}
	}

	/** One summary value (last, min or max) per run and metric, side by side. */
	record ScalarComparison(String id, String title, RunSet runSet, List<String> metrics,
			RunField.Aggregate aggregate) implements Panel {

		@Override
		public String type() {
			return "scalarComparison";
		}
	}

	/**
	 * A reference to an artifact of the report's project by name and version or alias. Rendering resolves it to the
	 * committed version it names then (with its files); a share link may download exactly those files.
	 */
	record ArtifactReference(String id, String artifactName, String version, String alias) implements Block {

		@Override
		public String type() {
			return "artifactReference";
		}

		/** What to resolve: the version, else the alias, else the latest version. */
		String ref() {
			return version != null ? version : alias != null ? alias : "latest";
		}
	}
}
