package io.runledger.api.tracking;

import java.util.List;

/** One ingestion request: points for many series of one run, and the client's optional idempotency key. */
public record MetricBatch(String batchId, List<SeriesPoints> series) {

	long pointCount() {
		long total = 0;
		for (var s : series) {
			total += s.size;
		}
		return total;
	}
}
