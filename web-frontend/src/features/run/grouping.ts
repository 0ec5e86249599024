/**
 * Chart sections by key prefix, as W&B lays them out: `train/loss` and `train/lr` under "train", `val/*` under
 * "val", keys without a prefix under "metrics"; `system/*` always last, in its own section.
 */
export type Section = { name: string; keys: string[] };

export function sectionsOf(keys: string[]): Section[] {
  const sections = new Map<string, string[]>();
  for (const key of [...keys].sort((a, b) => a.localeCompare(b))) {
    const slash = key.indexOf('/');
    const name = slash > 0 ? key.slice(0, slash) : 'metrics';
    const list = sections.get(name) ?? [];
    list.push(key);
    sections.set(name, list);
  }
  const order = (name: string) => (name === 'system' ? 2 : name === 'metrics' ? 1 : 0);
  return [...sections.entries()]
    .map(([name, list]) => ({ name, keys: list }))
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
}

export type ConfigRow = { path: string; value: string };

/** A run's config flattened to dotted paths (arrays by index), for the search over the config tree. */
export function flattenConfig(value: unknown, prefix = '', into: ConfigRow[] = []): ConfigRow[] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) into.push({ path: prefix, value: Array.isArray(value) ? '[]' : '{}' });
    for (const [key, child] of entries) flattenConfig(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.push({ path: prefix, value: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  return into;
}

/** The rows whose path or value contains the query (case-insensitive); all rows for an empty query. */
export function searchConfig(rows: ConfigRow[], query: string): ConfigRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter((row) => row.path.toLowerCase().includes(q) || row.value.toLowerCase().includes(q));
}
