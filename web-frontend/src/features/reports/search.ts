/** The report screens' URL state. */
export type ReportSearch = { panel?: 'history' | 'share' };
/** `runs`: ids (comma-separated) a new report starts from (the workspace's "New report from these runs"). */
export type ReportsIndexSearch = { project?: string; runs?: string };

export function validateReportSearch(raw: Record<string, unknown>): ReportSearch {
  return raw['panel'] === 'history' || raw['panel'] === 'share' ? { panel: raw['panel'] } : {};
}

export function validateReportsIndexSearch(raw: Record<string, unknown>): ReportsIndexSearch {
  const search: ReportsIndexSearch = {};
  if (typeof raw['project'] === 'string' && raw['project'] !== '') search.project = raw['project'];
  if (typeof raw['runs'] === 'string' && /^[0-9a-f,-]+$/i.test(raw['runs'])) search.runs = raw['runs'];
  return search;
}

export function runIdsOf(search: ReportsIndexSearch): string[] {
  return (search.runs ?? '').split(',').filter((id) => id !== '');
}
