import type { SortDirection } from './columns.ts';

/**
 * The runs workspace's state, all of it in the URL (`/projects/<id>?q=…&sort=…&cols=…&sel=…`), so a pasted link
 * reproduces the view and back/forward step through changes.
 */
export type RunsSearch = {
  /** The filter, in the search language. */
  q?: string;
  /** Column id to sort by, and its direction. */
  sort?: string;
  dir?: SortDirection;
  /** Column ids in order; absent means the defaults. */
  cols?: string[];
  /** Selected run ids. */
  sel?: string[];
};

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((v): v is string => typeof v === 'string');
  return items.length > 0 ? items : undefined;
}

/** Keeps what is well-formed and drops the rest, so a hand-edited URL opens a view instead of an error. */
export function validateRunsSearch(raw: Record<string, unknown>): RunsSearch {
  const search: RunsSearch = {};
  if (typeof raw['q'] === 'string' && raw['q'].trim() !== '') search.q = raw['q'];
  if (typeof raw['sort'] === 'string' && raw['sort'] !== '') search.sort = raw['sort'];
  if (raw['dir'] === 'asc' || raw['dir'] === 'desc') search.dir = raw['dir'];
  const cols = strings(raw['cols']);
  if (cols) search.cols = cols;
  const sel = strings(raw['sel']);
  if (sel) search.sel = sel;
  return search;
}
