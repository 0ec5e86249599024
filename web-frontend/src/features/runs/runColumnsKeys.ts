import type { components } from '../../lib/api/generated/runledger.ts';

type RunRow = components['schemas']['RunRow'];

export type Keys = { params: string[]; metrics: string[]; tags: string[]; varying?: string[] };

/**
 * The param, metric and tag keys seen in some runs, sorted; what the column picker and autocomplete offer. `varying`
 * lists the params whose values differ between those runs: the ones worth a default column in a sweep.
 */
export function keysOf(runs: RunRow[]): Keys {
  const params = new Set<string>();
  const values = new Map<string, Set<string>>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run.params ?? {})) {
      params.add(key);
      const seen = values.get(key) ?? new Set<string>();
      seen.add(value);
      values.set(key, seen);
    }
    for (const key of Object.keys(run.metrics ?? {})) metrics.add(key);
    for (const key of Object.keys(run.tags ?? {})) tags.add(key);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  const varying = sorted(params).filter((key) => (values.get(key)?.size ?? 0) > 1);
  return { params: sorted(params), metrics: sorted(metrics), tags: sorted(tags), varying };
}
