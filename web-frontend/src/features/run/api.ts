import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';

export type RunView = components['schemas']['RunView'];

export function useRun(runId: string) {
  return useQuery({
    queryKey: ['run', runId],
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/runs/{runId}', { params: { path: { runId } }, signal })),
  });
}

const FOLLOW_EVERY_MS = 2000;

/**
 * Live follow: while the run is RUNNING, ask the changes cursor every two seconds which series received points,
 * and refresh only then (the run's summaries and its charts), so a running run's charts extend by themselves.
 */
export function useLiveFollow(runId: string, running: boolean) {
  const client = useQueryClient();
  const cursor = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const changes = data(
          await api.GET('/api/v1/runs/{runId}/metrics/changes', {
            params: { path: { runId }, query: { after: cursor.current ?? 0 } },
          }),
        );
        const first = cursor.current === undefined;
        cursor.current = changes.cursor ?? cursor.current;
        if (!first && (changes.changed?.length ?? 0) > 0) {
          // Every chart that draws this run (lib/series.ts keys its queries by run ids).
          await client.invalidateQueries({
            predicate: (query) => query.queryKey[0] === 'series' && (query.queryKey[1] as string[]).includes(runId),
          });
          await client.invalidateQueries({ queryKey: ['run', runId] });
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, FOLLOW_EVERY_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, running, client]);
}
