package io.runledger.api.reports;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import org.springframework.stereotype.Component;

import io.runledger.api.tracking.RunSearch;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;
import io.runledger.tenancy.ProjectId;
import io.runledger.tenancy.RunId;

/**
 * Turns run sets into runs through the run search, the one place that knows what a query means. A render resolves
 * each distinct run set once, however many panels share it.
 */
@Component
class RunSets {

	private final RunSearch search;

	RunSets(RunSearch search) {
		this.search = search;
	}

	List<RunSearch.Found> resolve(OrgId orgId, ProjectId projectId, RunSet runSet) {
		var request = new RunSearch.Request(runSet.searchFilter(), runSet.orderBy(), runSet.limit(), null, false,
				false);
		return search.search(orgId, projectId, request).runs();
	}

	/** A per-render memo: panels with equal run sets see the same runs and cost one search. */
	Resolver resolver(OrgId orgId, ProjectId projectId) {
		var memo = new HashMap<RunSet, List<RunSearch.Found>>();
		return runSet -> memo.computeIfAbsent(runSet, set -> resolve(orgId, projectId, set));
	}

	interface Resolver {

		List<RunSearch.Found> runs(RunSet runSet);
	}

	/**
	 * Fixed run sets may only name live runs of the report's project: an id of another project or tenant is refused
	 * when saving (it would never render anyway, since every render searches the report's project only).
	 */
	void requireFixedRunsInProject(OrgId orgId, ProjectId projectId, ReportContent content) {
		for (var panel : content.panels()) {
			var runSet = panel.runSet();
			if (!runSet.isFixed()) {
				continue;
			}
			var found = new HashSet<RunId>();
			resolve(orgId, projectId, runSet).forEach(run -> found.add(run.run().id()));
			for (var id : runSet.runIds()) {
				if (!found.contains(id)) {
					throw new InvalidRequestException("block '" + panel.id() + "': run '" + id
							+ "' is not a run of this report's project");
				}
			}
		}
	}
}
