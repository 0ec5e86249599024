/** The run page's state in the URL: the open tab, a config filter, and the charts' x-axis and smoothing. */
export type RunSearch = {
  tab?: 'overview' | 'charts' | 'config';
  x?: 'step' | 'relative' | 'timestamp';
  smooth?: number;
  config?: string;
};

export function validateRunSearch(raw: Record<string, unknown>): RunSearch {
  const search: RunSearch = {};
  if (raw['tab'] === 'overview' || raw['tab'] === 'charts' || raw['tab'] === 'config') search.tab = raw['tab'];
  if (raw['x'] === 'step' || raw['x'] === 'relative' || raw['x'] === 'timestamp') search.x = raw['x'];
  const smooth = Number(raw['smooth']);
  if (raw['smooth'] !== undefined && Number.isFinite(smooth) && smooth > 0 && smooth < 1) search.smooth = smooth;
  if (typeof raw['config'] === 'string' && raw['config'] !== '') search.config = raw['config'];
  return search;
}
