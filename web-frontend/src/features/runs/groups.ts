import { quoteKey } from './columns.ts';

/**
 * Grouping the runs table (`gb` in the URL): by a param `p:<key>`, a tag `t:<key>`, or the run's `state`, `group`
 * or `user`. The server counts and aggregates (`POST /runs/search/groups`); these map the URL's id to the search
 * language and back.
 */
export const GROUP_ATTRIBUTES = { state: 'state', group: 'group', user: 'created_by' } as const;

/** The search language's field for a grouping id, or undefined for an id that cannot group. */
export function groupField(id: string): string | undefined {
  if (id.startsWith('p:') && id.length > 2) return `params.${quoteKey(id.slice(2))}`;
  if (id.startsWith('t:') && id.length > 2) return `tags.${quoteKey(id.slice(2))}`;
  return (GROUP_ATTRIBUTES as Record<string, string>)[id];
}

/** A label for a grouping id. */
export function groupLabel(id: string): string {
  if (id.startsWith('p:')) return id.slice(2);
  if (id.startsWith('t:')) return `tag ${id.slice(2)}`;
  return { state: 'State', group: 'Group', user: 'User' }[id] ?? id;
}

/** A string literal of the search language (a quote is escaped by doubling it). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The filter that narrows the current one to a group (null: the runs without the key). */
export function groupFilter(current: string | undefined, field: string, value: string | null | undefined): string {
  const condition = value === null || value === undefined ? `${field} IS NULL` : `${field} = ${literal(value)}`;
  return current && current.trim() !== '' ? `(${current}) and ${condition}` : condition;
}
