import { useEffect, useRef } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
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

export type VersionView = components['schemas']['VersionView'];

/** The lineage graph around a run: upstream runs → artifacts → the run → artifacts → downstream runs (two hops). */
export function useLineage(runId: string) {
  return useQuery({
    queryKey: ['lineage', runId],
    queryFn: async ({ signal }) =>
      data(
        await api.GET('/api/v1/runs/{runId}/lineage', {
          params: { path: { runId }, query: { direction: 'both', depth: 2 } },
          signal,
        }),
      ),
  });
}

/** The versions a run consumed and produced, with their aliases, sizes and files. */
export function useVersions(versions: { artifactId: string; version: number }[]) {
  return useQueries({
    queries: versions.map(({ artifactId, version }) => ({
      queryKey: ['artifactVersion', artifactId, version],
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        data(
          await api.GET('/api/v1/artifacts/{artifactId}/versions/{version}', {
            params: { path: { artifactId, version: String(version) } },
            signal,
          }),
        ),
      staleTime: 60_000,
    })),
  });
}
