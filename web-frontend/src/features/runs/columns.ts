/**
 * The runs table's columns and how each one sorts on the server. A column id is a short string so it fits in the
 * URL: fixed columns by name, a param as `p:<key>`, a metric summary as `m:<last|min|max>:<key>` (the aggregate first,
 * since metric keys may hold colons).
 */
export const FIXED_COLUMNS = ['name', 'state', 'user', 'created', 'duration', 'tags', 'group'] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];
export type Aggregate = 'last' | 'min' | 'max';

export type Column =
  | { kind: 'fixed'; id: FixedColumn }
  | { kind: 'param'; id: string; key: string }
  | { kind: 'metric'; id: string; key: string; aggregate: Aggregate };

const FIXED_LABELS: Record<FixedColumn, string> = {
  name: 'Name',
  state: 'State',
  user: 'User',
  created: 'Created',
  duration: 'Duration',
  tags: 'Tags',
  group: 'Group',
};

export function paramColumn(key: string): string {
  return `p:${key}`;
}

export function metricColumn(key: string, aggregate: Aggregate = 'last'): string {
  return `m:${aggregate}:${key}`;
}

/** A column from its id; undefined for an id this version does not know (an old or hand-edited URL). */
export function parseColumn(id: string): Column | undefined {
  if ((FIXED_COLUMNS as readonly string[]).includes(id)) return { kind: 'fixed', id: id as FixedColumn };
  if (id.startsWith('p:') && id.length > 2) return { kind: 'param', id, key: id.slice(2) };
  const metric = /^m:(last|min|max):(.+)$/s.exec(id);
  if (metric) return { kind: 'metric', id, key: metric[2]!, aggregate: metric[1] as Aggregate };
  return undefined;
}

export function columnLabel(column: Column): string {
  switch (column.kind) {
    case 'fixed':
      return FIXED_LABELS[column.id];
    case 'param':
      return column.key;
    case 'metric':
      return column.aggregate === 'last' ? column.key : `${column.aggregate}(${column.key})`;
  }
}

/** A key as the search language wants it: bare when it is letters, digits and `_ - . / :`, else back-quoted. */
export function quoteKey(key: string): string {
  return /^[\p{L}\p{N}_\-./:]+$/u.test(key) ? key : `\`${key.replaceAll('`', '``')}\``;
}

/** The search language's field for a column (filters and orderBy), or undefined when it cannot sort (tags). */
export function columnField(column: Column): string | undefined {
  switch (column.kind) {
    case 'fixed':
      return { name: 'name', state: 'state', user: 'created_by', created: 'started_at', duration: 'duration', group: 'group', tags: undefined }[
        column.id
      ];
    case 'param':
      return `params.${quoteKey(column.key)}`;
    case 'metric':
      return column.aggregate === 'last' ? `metrics.${quoteKey(column.key)}` : `${column.aggregate}(metrics.${quoteKey(column.key)})`;
  }
}

export type SortDirection = 'asc' | 'desc';

/** The server's orderBy for the table's sort; newest first when nothing (or something unsortable) is chosen. */
export function orderBy(sort: string | undefined, direction: SortDirection | undefined): string[] {
  const column = sort === undefined ? undefined : parseColumn(sort);
  const field = column === undefined ? undefined : columnField(column);
  if (field === undefined) return ['started_at DESC'];
  return [`${field} ${direction === 'asc' ? 'ASC' : 'DESC'}`];
}

/** Which key-valued fields the search should return for these columns (smaller answers for 100k-run projects). */
export function requestedFields(columns: Column[]): string[] {
  const fields = new Set<string>(['tags.*']);
  for (const column of columns) {
    if (column.kind === 'param') fields.add(`params.${column.key}`);
    if (column.kind === 'metric') fields.add(`metrics.${column.key}`);
  }
  return [...fields];
}

/**
 * Columns when the URL names none: the fixed ones, then the params that vary between runs (a sweep's axes; any
 * params when none vary), then last values of metrics, system metrics last.
 */
export function defaultColumns(keys: { params: string[]; metrics: string[]; varying?: string[] }): string[] {
  const params = keys.varying && keys.varying.length > 0 ? keys.varying : keys.params;
  return [
    ...FIXED_COLUMNS.filter((c) => c !== 'tags'),
    ...params.slice(0, 4).map(paramColumn),
    ...keys.metrics.filter((k) => !k.startsWith('system/')).slice(0, 4).map((k) => metricColumn(k)),
  ];
}
