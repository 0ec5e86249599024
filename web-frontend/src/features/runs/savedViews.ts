import type { components } from '../../lib/api/generated/runledger.ts';
import type { RunsSearch } from './search.ts';

export type SavedView = components['schemas']['SavedViewView'];
export type ViewBody = components['schemas']['ViewBody'];

/**
 * What a saved view keeps of the URL: the filter, columns (with their widths and pins), sort, grouping and chart settings. Selection and compare are not
 * part of a view (they are about the runs of the moment, not a way of looking at the project).
 */
export function viewBody(name: string, search: RunsSearch): ViewBody {
  return {
    name,
    query: search.q ?? '',
    columns: search.cols ?? [],
    ...(search.sort ? { sort: { column: search.sort, direction: search.dir ?? 'desc' } } : {}),
    ...(search.gb ? { groupBy: search.gb } : {}),
    ...(search.w ? { widths: search.w } : {}),
    ...(search.pin ? { pinned: search.pin } : {}),
    charts: {
      ...(search.cx ? { xAxis: search.cx } : {}),
      ...(search.sm ? { smoothing: search.sm } : {}),
      logScale: search.log ?? false,
      hidden: search.charts === 'hide',
    },
  };
}

/** The URL state that opens a saved view (`sv` names it, so the toolbar can offer to update it). */
export function viewSearch(view: SavedView): RunsSearch {
  const search: RunsSearch = { sv: view.id! };
  if (view.query) search.q = view.query;
  if (view.columns && view.columns.length > 0) search.cols = view.columns;
  if (view.sort?.column) {
    search.sort = view.sort.column;
    search.dir = view.sort.direction === 'asc' ? 'asc' : 'desc';
  }
  if (view.groupBy) search.gb = view.groupBy;
  if (view.widths && Object.keys(view.widths).length > 0) search.w = view.widths;
  if (view.pinned && view.pinned.length > 0) search.pin = view.pinned;
  const charts = view.charts;
  if (charts?.xAxis === 'relative' || charts?.xAxis === 'timestamp') search.cx = charts.xAxis;
  if (charts?.smoothing) search.sm = charts.smoothing;
  if (charts?.logScale) search.log = true;
  if (charts?.hidden) search.charts = 'hide';
  return search;
}

/** Whether the URL still shows exactly what the view saved (else the toolbar offers "Update"). */
export function showsView(view: SavedView, search: RunsSearch): boolean {
  const a = viewSearch(view);
  const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
  return (['q', 'cols', 'sort', 'dir', 'gb', 'cx', 'sm', 'log', 'charts', 'w', 'pin'] as const).every((k) => same(a[k], search[k]));
}
