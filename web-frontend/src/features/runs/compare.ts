import type { RunRow } from './api.ts';

export type DiffRow = { key: string; values: (string | undefined)[]; differs: boolean };

/**
 * The params of runs side by side: one row per key any of them has, marked when the values are not all the same
 * (a key some runs lack differs too). Sorted by key.
 */
export function paramDiff(runs: RunRow[]): DiffRow[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.params ?? {})) keys.add(key);
  return [...keys]
    .sort((a, b) => a.localeCompare(b))
    .map((key) => {
      const values = runs.map((run) => run.params?.[key]);
      return { key, values, differs: new Set(values).size > 1 };
    });
}

/** Numeric params among runs (every present value parses as a finite number): what a scatter's x can be. */
export function numericParams(runs: RunRow[]): string[] {
  return paramDiff(runs)
    .filter((row) => row.differs && row.values.every((v) => v === undefined || (v.trim() !== '' && Number.isFinite(Number(v)))))
    .map((row) => row.key);
}

/** A filter selecting exactly these runs, in the search language. */
export function runIdFilter(ids: string[]): string {
  return `run_id IN (${ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ')})`;
}
