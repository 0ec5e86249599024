import { useQuery } from '@tanstack/react-query';
import { fetchComments, fetchReport, fetchReportData, fetchSharedReport, fetchSharedReportData } from './api.ts';

/**
 * The report screens' server state, in the app's query cache. Keys: `['report', id]` (the current version),
 * `['report', id, 'data']` (its panels rendered), `['report', id, 'comments']`; `['shared', token]` and
 * `['shared', token, 'data']` for a share link, which are never kept once the page is left (gcTime 0): a link
 * may be revoked at any time, and its answers must not outlive the page that read them.
 */
export const reportKeys = {
  report: (id: string) => ['report', id] as const,
  data: (id: string) => ['report', id, 'data'] as const,
  comments: (id: string) => ['report', id, 'comments'] as const,
  shared: (token: string) => ['shared', token] as const,
  sharedData: (token: string) => ['shared', token, 'data'] as const,
};

export function useReport(reportId: string) {
  return useQuery({ queryKey: reportKeys.report(reportId), queryFn: ({ signal }) => fetchReport(reportId, signal) });
}

export function useReportData(reportId: string) {
  return useQuery({ queryKey: reportKeys.data(reportId), queryFn: ({ signal }) => fetchReportData(reportId, signal) });
}

export function useComments(reportId: string) {
  return useQuery({ queryKey: reportKeys.comments(reportId), queryFn: ({ signal }) => fetchComments(reportId, signal) });
}

export function useSharedReport(token: string) {
  return useQuery({
    queryKey: reportKeys.shared(token),
    queryFn: ({ signal }) => fetchSharedReport(token, signal),
    gcTime: 0,
    staleTime: 0,
  });
}

export function useSharedReportData(token: string) {
  return useQuery({
    queryKey: reportKeys.sharedData(token),
    queryFn: ({ signal }) => fetchSharedReportData(token, signal),
    gcTime: 0,
    staleTime: 0,
  });
}
