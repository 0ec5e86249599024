package io.runledger.api.reports;

import java.util.List;
import java.util.stream.Collectors;

import io.runledger.tenancy.RunId;

/**
 * The runs a panel shows: a fixed list, or a saved search (filter and order in the run-search language, up to
 * {@code limit} runs) that is evaluated at every render, so the panel picks up runs that arrive later.
 */
record RunSet(List<RunId> runIds, String filter, List<String> orderBy, int limit) {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_RUNS = 200;

	RunSet {
		runIds = runIds == null ? null : List.copyOf(runIds);
		orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
	}

	static RunSet fixed(List<RunId> runIds) {
		return new RunSet(runIds, null, List.of(), runIds.size());
	}

	static RunSet search(String filter, List<String> orderBy, int limit) {
		return new RunSet(null, filter, orderBy, limit);
	}

	boolean isFixed() {
		return runIds != null;
	}

	/**
	 * The run set as one search of the report's project: a fixed list becomes {@code run_id IN (...)}, so both kinds
	 * are scoped to the project (and skip deleted runs) by the same compiled query, whatever ids were stored.
	 */
	String searchFilter() {
		if (!isFixed()) {
			return filter;
		}
		return "run_id IN (" + runIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + ")";
	}
}
