package io.runledger.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.runledger.api.Http;
import tools.jackson.databind.JsonNode;

/** Test helper speaking the native tracking API over HTTP, as a client library would. */
record TrackingClient(Http http) {

	String startRun(String projectId) {
		var response = http.post("/api/v1/projects/" + projectId + "/runs", "{}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	Http.Response log(String runId, String body) {
		return http.post("/api/v1/runs/" + runId + "/metrics", body);
	}

	/** Columnar JSON for one series; values are written so that NaN/Infinity survive as JSON. */
	static String series(String key, long[] steps, long[] timestamps, double[] values) {
		var sb = new StringBuilder("{\"key\":\"").append(key).append("\",\"steps\":[");
		join(sb, steps.length, i -> Long.toString(steps[i]));
		sb.append("],\"timestamps\":[");
		join(sb, timestamps.length, i -> Long.toString(timestamps[i]));
		sb.append("],\"values\":[");
		join(sb, values.length, i -> number(values[i]));
		return sb.append("]}").toString();
	}

	static String batch(String batchId, String... series) {
		return "{" + (batchId == null ? "" : "\"batchId\":\"" + batchId + "\",") + "\"series\":["
				+ String.join(",", series) + "]}";
	}

	static String number(double v) {
		if (Double.isNaN(v)) {
			return "\"NaN\"";
		}
		if (Double.isInfinite(v)) {
			return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
		}
		return String.format(Locale.ROOT, "%s", Double.toString(v));
	}

	/** All raw points of a series, following cursors. */
	Points points(String runId, String key) {
		var steps = new ArrayList<Long>();
		var timestamps = new ArrayList<Long>();
		var values = new ArrayList<Double>();
		String cursor = null;
		do {
			var page = http.get("/api/v1/runs/" + runId + "/points?limit=1000&key=" + key
					+ (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			var json = page.json();
			json.get("steps").valueStream().forEach(n -> steps.add(n.asLong()));
			json.get("timestamps").valueStream().forEach(n -> timestamps.add(n.asLong()));
			json.get("values").valueStream().forEach(n -> values.add(value(n)));
			cursor = json.get("nextCursor") == null || json.get("nextCursor").isNull() ? null
					: json.get("nextCursor").asString();
		}
		while (cursor != null);
		return new Points(steps, timestamps, values);
	}

	static double value(JsonNode node) {
		if (node.isString()) {
			return switch (node.asString()) {
				case "NaN" -> Double.NaN;
				case "Infinity" -> Double.POSITIVE_INFINITY;
				case "-Infinity" -> Double.NEGATIVE_INFINITY;
				default -> throw new AssertionError("unexpected value " + node);
			};
		}
		return node.asDouble();
	}

	record Points(List<Long> steps, List<Long> timestamps, List<Double> values) {
	}

	private static void join(StringBuilder sb, int n, java.util.function.IntFunction<String> item) {
		for (int i = 0; i < n; i++) {
			if (i > 0) {
				sb.append(',');
			}
			sb.append(item.apply(i));
		}
	}
}
