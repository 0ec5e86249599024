package io.runledger.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.runledger.api.Http;

/** Runs with metrics, and reports over them, through the public API as a client would make them. */
record ReportFixtures(Http member, String projectId) {

	String run(String name, String stage, int points) {
		var created = member.post("/api/v1/projects/" + projectId + "/runs",
				"{\"name\":\"" + name + "\",\"tags\":{\"stage\":\"" + stage + "\"},\"config\":{\"lr\":0.1}}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var runId = created.json().get("id").asString();
		var steps = new StringBuilder();
		var timestamps = new StringBuilder();
		var loss = new StringBuilder();
		var accuracy = new StringBuilder();
		for (int i = 0; i < points; i++) {
			String sep = i == 0 ? "" : ",";
			steps.append(sep).append(i);
			timestamps.append(sep).append(1_700_000_000_000L + i * 1000L);
			loss.append(sep).append(1.0 / (i + 1));
			accuracy.append(sep).append(i / (double) points);
		}
		var logged = member.post("/api/v1/runs/" + runId + "/metrics", "{\"series\":[{\"key\":\"loss\",\"steps\":["
				+ steps + "],\"timestamps\":[" + timestamps + "],\"values\":[" + loss + "]},{\"key\":\"accuracy\","
				+ "\"steps\":[" + steps + "],\"timestamps\":[" + timestamps + "],\"values\":[" + accuracy + "]}]}");
		assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
		return runId;
	}

	/** A report with a markdown block and one of each panel over the given run set JSON. */
	static String content(String title, String runSet) {
		return """
				{"title": "%s", "description": "weekly results", "blocks": [
				  {"id": "intro", "type": "markdown", "text": "# Results"},
				  {"id": "loss", "type": "lineChart", "title": "Loss", "runSet": %s, "metrics": ["loss"],
				   "xAxis": "step", "mode": "LTTB", "points": 50, "smoothing": 0.5},
				  {"id": "table", "type": "runsTable", "runSet": %s, "columns": ["state", "params.lr", "tags.stage",
				   "metrics.loss"]},
				  {"id": "best", "type": "scalarComparison", "runSet": %s, "metrics": ["accuracy"], "aggregate": "max"},
				  {"id": "model", "type": "artifactReference", "artifactName": "resnet", "alias": "best"}
				]}""".formatted(title, runSet, runSet, runSet);
	}

	String create(String body) {
		var created = member.post("/api/v1/projects/" + projectId + "/reports", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	static String withVersion(String content, int version) {
		return "{\"version\": " + version + ", " + content.strip().substring(1);
	}
}
