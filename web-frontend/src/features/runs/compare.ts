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

/** What a compare chart can plot per run: a param, or a summary of a metric. */
export type Summary = 'last' | 'min' | 'max';
export type Field = { kind: 'param'; key: string } | { kind: 'metric'; key: string; summary: Summary };

export const SUMMARIES: Summary[] = ['last', 'min', 'max'];

/** A field as one string for a `<select>`: `param:optimizer.lr`, `last:val/loss`. */
export const fieldId = (field: Field) => (field.kind === 'param' ? `param:${field.key}` : `${field.summary}:${field.key}`);

export function parseField(id: string | undefined): Field | undefined {
  const at = id?.indexOf(':') ?? -1;
  if (!id || at < 0) return undefined;
  const head = id.slice(0, at);
  const key = id.slice(at + 1);
  if (head === 'param') return { kind: 'param', key };
  if ((SUMMARIES as string[]).includes(head)) return { kind: 'metric', key, summary: head as Summary };
  return undefined;
}

export const fieldLabel = (field: Field) => (field.kind === 'param' ? field.key : `${field.key} (${field.summary})`);

/** A run's value of a field: a param as logged (text), a metric summary as a number; undefined when it has none. */
export function fieldValue(run: RunRow, field: Field): string | number | undefined {
  if (field.kind === 'param') return run.params?.[field.key];
  const value = run.metrics?.[field.key]?.[field.summary];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The params that differ among the runs: the axes of parallel coordinates (numeric or not). */
export function differingParams(runs: RunRow[]): string[] {
  return paramDiff(runs)
    .filter((row) => row.differs)
    .map((row) => row.key);
}

/** The metric a compare chart starts with: the first that is not a system metric, validation first. */
export function defaultMetric(metricKeys: string[]): string | undefined {
  return (
    metricKeys.find((k) => k.startsWith('val/') && k.endsWith('loss')) ??
    metricKeys.find((k) => !k.startsWith('system/')) ??
    metricKeys[0]
  );
}
