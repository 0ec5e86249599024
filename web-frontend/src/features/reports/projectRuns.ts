import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';

export type ProjectRuns = { runs: { id: string; name: string }[]; metrics: string[]; params: string[] };

/**
 * What the block settings offer: the project's latest 200 runs (to pick for a panel) and the metric and param keys
 * they logged (to suggest). One search request, cached per project; an empty id asks nothing.
 */
export function useProjectRuns(projectId: string) {
  return useQuery({
    queryKey: ['report-editor-runs', projectId],
    // An empty id (no runs picked) asks nothing.
    enabled: projectId !== '',
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<ProjectRuns> => {
      const answer = data(
        await api.POST('/api/v1/projects/{projectId}/runs/search', {
          params: { path: { projectId } },
          body: { limit: 200, orderBy: ['started_at DESC'] },
          signal,
        }),
      );
      const rows = answer.runs ?? [];
      const metrics = new Set<string>();
      const params = new Set<string>();
      for (const row of rows) {
        for (const key of Object.keys(row.metrics ?? {})) metrics.add(key);
        for (const key of Object.keys(row.params ?? {})) params.add(key);
      }
      return {
        runs: rows.map((row) => ({ id: row.id!, name: row.name ?? row.id! })),
        metrics: [...metrics].sort(),
        params: [...params].sort(),
      };
    },
  });
}
