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
  /** Column widths in pixels by column id, and the column ids pinned to the left (name always is). */
  w?: Record<string, number>;
  pin?: string[];
  /** Selected run ids. */
  sel?: string[];
  /** Every run the filter finds is selected (bulk actions then name the filter, not ids)… */
  all?: true;
  /** …except these run ids, unticked since ("all matching except these"; bulk actions send them as `exceptIds`). */
  allx?: string[];
  /** Deleted runs are shown too (to restore them). */
  del?: true;
  /** `compare` shows the selected runs side by side instead of the table. */
  view?: 'compare';
  /** The charts beside the table: hidden, x-axis, EMA weight, log y. */
  charts?: 'hide';
  cx?: 'step' | 'relative' | 'timestamp';
  sm?: number;
  log?: boolean;
  /** Group the runs by a param `p:<key>`, a tag `t:<key>`, or `state`, `group`, `user` (counts and aggregates). */
  gb?: string;
  /** The saved view this state was opened from (its id), so it can be updated in place. */
  sv?: string;
  /** Compare's charts: the parallel coordinates' metric and the scatter's x and y (`param:<key>`, `last:<metric>`…). */
  pc?: string;
  sx?: string;
  sy?: string;
};

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((v): v is string => typeof v === 'string');
  return items.length > 0 ? items : undefined;
}

function widths(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter(
    (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0,
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Keeps what is well-formed and drops the rest, so a hand-edited URL opens a view instead of an error. */
export function validateRunsSearch(raw: Record<string, unknown>): RunsSearch {
  const search: RunsSearch = {};
  if (typeof raw['q'] === 'string' && raw['q'].trim() !== '') search.q = raw['q'];
  if (typeof raw['sort'] === 'string' && raw['sort'] !== '') search.sort = raw['sort'];
  if (raw['dir'] === 'asc' || raw['dir'] === 'desc') search.dir = raw['dir'];
  const cols = strings(raw['cols']);
  if (cols) search.cols = cols;
  const w = widths(raw['w']);
  if (w) search.w = w;
  const pin = strings(raw['pin']);
  if (pin) search.pin = pin;
  if (raw['all'] === true) search.all = true;
  if (raw['del'] === true) search.del = true;
  const allx = strings(raw['allx']);
  if (allx && search.all) search.allx = allx;
  const sel = strings(raw['sel']);
  if (sel) search.sel = sel;
  if (raw['view'] === 'compare') search.view = 'compare';
  if (raw['charts'] === 'hide') search.charts = 'hide';
  if (raw['cx'] === 'step' || raw['cx'] === 'relative' || raw['cx'] === 'timestamp') search.cx = raw['cx'];
  const sm = Number(raw['sm']);
  if (raw['sm'] !== undefined && Number.isFinite(sm) && sm > 0 && sm < 1) search.sm = sm;
  if (raw['log'] === true) search.log = true;
  if (typeof raw['gb'] === 'string' && raw['gb'] !== '') search.gb = raw['gb'];
  if (typeof raw['sv'] === 'string' && raw['sv'] !== '') search.sv = raw['sv'];
  for (const key of ['pc', 'sx', 'sy'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') search[key] = value;
  }
  return search;
}
