import { useEffect, useRef } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';

export type RunView = components['schemas']['RunView'];
export type QuerySeries = components['schemas']['QuerySeries'];
export type XAxis = 'step' | 'relative' | 'timestamp';

export function useRun(runId: string) {
  return useQuery({
    queryKey: ['run', runId],
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/runs/{runId}', { params: { path: { runId } }, signal })),
  });
}

/** Buckets per chart: about one per two pixels of a panel, enough for an envelope that reads as a line. */
export const BUCKETS = 300;

/**
 * One run's series for a set of keys as server buckets (mean line, min/max envelope). A zoomed range asks the
 * server for finer buckets of just that range; the previous picture stays until they arrive.
 */
export function useRunSeries(runId: string, keys: string[], xAxis: XAxis, range: [number, number] | undefined) {
  return useQuery({
    queryKey: ['series', runId, keys, xAxis, range],
    enabled: keys.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      data(
        await api.POST('/api/v1/series/query', {
          body: {
            runIds: [runId],
            keys,
            xAxis,
            mode: 'BUCKETS',
            points: BUCKETS,
            ...(range ? (xAxis === 'step' ? { minStep: Math.floor(range[0]), maxStep: Math.ceil(range[1]) } : { xMin: range[0], xMax: range[1] }) : {}),
          },
          signal,
        }),
      ),
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
          await client.invalidateQueries({ queryKey: ['series', runId] });
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
