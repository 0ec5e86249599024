import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';
import type { Draft } from './editing.ts';
import type { ReportView } from './types.ts';

/**
 * The writes and the member-only lists of the Reports API, through the typed client (session, organisation header,
 * CSRF token). The document types a report's content as "any JSON value", so what is sent is the editor's Draft and
 * what comes back is read as the ReportView of types.ts.
 */
type Schemas = components['schemas'];
export type ReportSummary = Schemas['ReportSummary'];
export type VersionSummary = Schemas['VersionSummary'];
export type ShareLink = Schemas['LinkView'];
export type IssuedLink = Schemas['IssuedView'];

const anyJson = (value: unknown) => value as Record<string, never>;
const asReport = (view: Schemas['ReportView']) => view as unknown as ReportView;

export async function listReports(projectId: string, signal: AbortSignal | null = null): Promise<ReportSummary[]> {
  return data(await api.GET('/api/v1/projects/{projectId}/reports', { params: { path: { projectId } }, signal })).items ?? [];
}

export async function createReport(projectId: string, draft: Draft): Promise<ReportView> {
  return asReport(
    data(await api.POST('/api/v1/projects/{projectId}/reports', { params: { path: { projectId } }, body: anyJson(draft) })),
  );
}

/** Saves the draft over `version`; someone else's save in between answers 409 (an ApiError) and changes nothing. */
export async function saveReport(reportId: string, version: number, draft: Draft): Promise<ReportView> {
  return asReport(
    data(await api.PUT('/api/v1/reports/{reportId}', { params: { path: { reportId } }, body: anyJson({ version, ...draft }) })),
  );
}

export async function listVersions(reportId: string, signal: AbortSignal | null = null): Promise<VersionSummary[]> {
  return data(await api.GET('/api/v1/reports/{reportId}/versions', { params: { path: { reportId } }, signal })).items ?? [];
}

export async function fetchVersion(reportId: string, version: number, signal: AbortSignal | null = null): Promise<ReportView> {
  return asReport(
    data(
      await api.GET('/api/v1/reports/{reportId}/versions/{version}', {
        params: { path: { reportId, version: String(version) } },
        signal,
      }),
    ) as Schemas['ReportView'],
  );
}

/** Saves an old version's content as the next version, over `current` (stale answers 409 like a save). */
export async function restoreVersion(reportId: string, version: number, current: number): Promise<ReportView> {
  return asReport(
    data(
      await api.POST('/api/v1/reports/{reportId}/versions/{version}/restore', {
        params: { path: { reportId, version: String(version) } },
        body: { version: current },
      }),
    ),
  );
}

export async function listShareLinks(reportId: string, signal: AbortSignal | null = null): Promise<ShareLink[]> {
  return data(await api.GET('/api/v1/reports/{reportId}/share-links', { params: { path: { reportId } }, signal })).items ?? [];
}

export async function createShareLink(reportId: string, body: { snapshot: boolean; expiresAt?: string }): Promise<IssuedLink> {
  return data(await api.POST('/api/v1/reports/{reportId}/share-links', { params: { path: { reportId } }, body }));
}

export async function revokeShareLink(reportId: string, linkId: string): Promise<void> {
  await api.DELETE('/api/v1/reports/{reportId}/share-links/{linkId}', { params: { path: { reportId, linkId } } });
}
