import { apiFetch, isApiError } from '../../lib/api/client.ts';
import type { Comment, RenderedReport, ReportView, SharedReportView } from './types.ts';

/**
 * The Reports API as the two report screens use it.
 *
 * Share-link reads send no credentials at all (`credentials: 'omit'`): the token in the path is the whole
 * authority, and a signed-in viewer's session must not turn an anonymous read into an authenticated one.
 * Member reads use the browser session (`credentials: 'same-origin'`), which only an SSO login creates.
 */

/** Where a browser signs in (Spring Security's OAuth2 login with the Keycloak registration, see BrowserLogin). */
export const SIGN_IN_URL = '/oauth2/authorization/keycloak';

const SHARED = '/api/v1/shared/reports/';
const REPORTS = '/api/v1/reports/';

function shared(signal?: AbortSignal): RequestInit {
  return {
    credentials: 'omit',
    // The server answers no-store already; say so for the browser's own cache too, and never pass the token on.
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
    ...(signal ? { signal } : {}),
  };
}

function member(signal?: AbortSignal): RequestInit {
  return { credentials: 'same-origin', ...(signal ? { signal } : {}) };
}

export function fetchSharedReport(token: string, signal?: AbortSignal): Promise<SharedReportView> {
  return apiFetch<SharedReportView>(SHARED + encodeURIComponent(token), shared(signal));
}

export function fetchSharedReportData(token: string, signal?: AbortSignal): Promise<RenderedReport> {
  return apiFetch<RenderedReport>(SHARED + encodeURIComponent(token) + '/data', shared(signal));
}

export function fetchReport(reportId: string, signal?: AbortSignal): Promise<ReportView> {
  return apiFetch<ReportView>(REPORTS + encodeURIComponent(reportId), member(signal));
}

export function fetchReportData(reportId: string, signal?: AbortSignal): Promise<RenderedReport> {
  return apiFetch<RenderedReport>(REPORTS + encodeURIComponent(reportId) + '/data', member(signal));
}

export async function fetchComments(reportId: string, signal?: AbortSignal): Promise<Comment[]> {
  const list = await apiFetch<{ items: Comment[] }>(REPORTS + encodeURIComponent(reportId) + '/comments', member(signal));
  return list.items;
}

/**
 * Posts a comment on the report (or one block). A cookie-authenticated write must carry the CSRF token: the
 * backend sets it as the script-readable `XSRF-TOKEN` cookie and expects it back as `X-XSRF-TOKEN`.
 */
export function postComment(reportId: string, body: string, blockId?: string): Promise<Comment> {
  const headers = new Headers();
  const csrf = readCookie('XSRF-TOKEN');
  if (csrf !== undefined) headers.set('X-XSRF-TOKEN', csrf);
  return apiFetch<Comment>(REPORTS + encodeURIComponent(reportId) + '/comments', {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify(blockId === undefined ? { body } : { body, blockId }),
  });
}

/**
 * Where a signed-in member downloads one file of a committed artifact version (the browser session goes along,
 * as for any same-origin link). The path is one query value, so every reserved character (space, #, ?, &, /, %)
 * and any non-ASCII text is percent-encoded.
 */
export function artifactFileUrl(artifactId: string, version: number, path: string): string {
  return `/api/v1/artifacts/${encodeURIComponent(artifactId)}/versions/${version}/file?path=${encodeURIComponent(path)}`;
}

/**
 * Where anyone holding a share link downloads one file of an artifact the shared report references: by the report's
 * block, not by artifact id, so the link grants exactly the files the report names. Relative, so same-origin: the
 * token only ever goes to Runledger.
 */
export function sharedArtifactFileUrl(token: string, blockId: string, path: string): string {
  return `${SHARED}${encodeURIComponent(token)}/artifacts/${encodeURIComponent(blockId)}/file?path=${encodeURIComponent(path)}`;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Why a report could not be shown, in the terms the screens explain to people. */
export type LoadFailure =
  | { kind: 'notFound' }
  | { kind: 'rateLimited'; retryAfterSeconds: number | undefined }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden'; detail: string | undefined }
  | { kind: 'network' }
  | { kind: 'server'; status: number; message: string };

export function toLoadFailure(error: unknown): LoadFailure {
  if (!isApiError(error)) {
    // fetch rejects with a TypeError when the network fails; a body that is not JSON lands here too.
    return { kind: 'network' };
  }
  switch (error.status) {
    case 401:
      return { kind: 'unauthorized' };
    case 403:
      return { kind: 'forbidden', detail: error.detail };
    case 404:
      return { kind: 'notFound' };
    case 429:
      return { kind: 'rateLimited', retryAfterSeconds: error.retryAfterSeconds };
    default:
      return { kind: 'server', status: error.status, message: error.message };
  }
}
