import { describe, expect, it, vi } from 'vitest';
import {
  artifactFileUrl,
  fetchComments,
  fetchReport,
  fetchReportData,
  fetchSharedReport,
  fetchSharedReportData,
  postComment,
  sharedArtifactFileUrl,
  toLoadFailure,
} from './api.ts';
import { ARTIFACT_ID, comments, json, problem, renderedReport, REPORT_ID, reportView, sharedView, TOKEN } from './fixtures.ts';

function stubFetch(...responses: Response[]) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const response of responses) fetchMock.mockResolvedValueOnce(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toLoadFailure(error);
  }
  throw new Error('expected the request to fail');
}

describe('share-link reads', () => {
  it('read the report and its data by token without sending credentials', async () => {
    const fetchMock = stubFetch(json(sharedView), json(renderedReport));

    expect(await fetchSharedReport(TOKEN)).toEqual(sharedView);
    expect(await fetchSharedReportData(TOKEN)).toEqual(renderedReport);

    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      `/api/v1/shared/reports/${TOKEN}`,
      `/api/v1/shared/reports/${TOKEN}/data`,
    ]);
    for (const [, init] of fetchMock.mock.calls) {
      expect(init?.credentials).toBe('omit');
      expect(init?.referrerPolicy).toBe('no-referrer');
      expect(init?.cache).toBe('no-store');
    }
  });

  it('escape a token so it cannot reach another path', async () => {
    const fetchMock = stubFetch(json(sharedView));

    await fetchSharedReport('../projects?x=1');

    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/shared/reports/..%2Fprojects%3Fx%3D1');
  });

  it('map 404 (unknown, revoked or expired link) to notFound', async () => {
    stubFetch(problem(404, 'Not Found', 'no such share link'));

    expect(await failureOf(fetchSharedReport(TOKEN))).toEqual({ kind: 'notFound' });
  });

  it('map 429 to rateLimited with the Retry-After seconds', async () => {
    stubFetch(problem(429, 'Too Many Requests', 'rate limit exceeded; retry after 7 s', { 'Retry-After': '7' }));

    expect(await failureOf(fetchSharedReportData(TOKEN))).toEqual({ kind: 'rateLimited', retryAfterSeconds: 7 });
  });

  it('map a failed network to network', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));

    expect(await failureOf(fetchSharedReport(TOKEN))).toEqual({ kind: 'network' });
  });
});

describe('member reads', () => {
  it('use the browser session for the report, its data and its comments', async () => {
    const fetchMock = stubFetch(json(reportView), json(renderedReport), json({ items: comments }));

    expect(await fetchReport(REPORT_ID)).toEqual(reportView);
    expect(await fetchReportData(REPORT_ID)).toEqual(renderedReport);
    expect(await fetchComments(REPORT_ID)).toEqual(comments);

    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      `/api/v1/reports/${REPORT_ID}`,
      `/api/v1/reports/${REPORT_ID}/data`,
      `/api/v1/reports/${REPORT_ID}/comments`,
    ]);
    for (const [, init] of fetchMock.mock.calls) expect(init?.credentials).toBe('same-origin');
  });

  it('map 401 to unauthorized and 403 to forbidden with the detail', async () => {
    stubFetch(
      problem(401, 'Unauthorized', 'authentication required', { 'WWW-Authenticate': 'Bearer realm="runledger"' }),
      problem(403, 'Forbidden', 'this action needs role VIEWER'),
    );

    expect(await failureOf(fetchReport(REPORT_ID))).toEqual({ kind: 'unauthorized' });
    expect(await failureOf(fetchReport(REPORT_ID))).toEqual({ kind: 'forbidden', detail: 'this action needs role VIEWER' });
  });

  it('post a comment with the CSRF cookie echoed as X-XSRF-TOKEN', async () => {
    document.cookie = 'XSRF-TOKEN=3f2a-token%3D';
    const created = { id: 'c3', body: 'Agreed', author: 'ada@acme.test', createdAt: '2026-11-22T10:00:00Z' };
    const fetchMock = stubFetch(json(created, 201));

    expect(await postComment(REPORT_ID, 'Agreed')).toEqual(created);

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/v1/reports/${REPORT_ID}/comments`);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('X-XSRF-TOKEN')).toBe('3f2a-token=');
    expect(JSON.parse(init?.body as string)).toEqual({ body: 'Agreed' });
  });
});

describe('artifact download URLs', () => {
  const AWKWARD = 'dir/a b#c?d=e&f=g%h+i/résumé ✓ 😀.txt';

  it('percent-encode the path as one query value, reserved characters and unicode alike', () => {
    const url = artifactFileUrl(ARTIFACT_ID, 3, AWKWARD);

    expect(url).toBe(
      `/api/v1/artifacts/${ARTIFACT_ID}/versions/3/file?path=` +
        'dir%2Fa%20b%23c%3Fd%3De%26f%3Dg%25h%2Bi%2Fr%C3%A9sum%C3%A9%20%E2%9C%93%20%F0%9F%98%80.txt',
    );
    // What the server reads back is exactly the path, and nothing leaks into a fragment or another parameter.
    const parsed = new URL(url, 'https://runledger.test');
    expect(parsed.hash).toBe('');
    expect([...parsed.searchParams.keys()]).toEqual(['path']);
    expect(parsed.searchParams.get('path')).toBe(AWKWARD);
  });

  it('name the shared file by token and block, same-origin, with the path encoded', () => {
    const url = sharedArtifactFileUrl(TOKEN, 'data', AWKWARD);

    expect(url.startsWith(`/api/v1/shared/reports/${TOKEN}/artifacts/data/file?path=`)).toBe(true);
    const parsed = new URL(url, 'https://runledger.test');
    expect(parsed.origin).toBe('https://runledger.test');
    expect(parsed.hash).toBe('');
    expect([...parsed.searchParams.keys()]).toEqual(['path']);
    expect(parsed.searchParams.get('path')).toBe(AWKWARD);
  });

  it('encode the token, block id and artifact id as path segments', () => {
    expect(sharedArtifactFileUrl('a/b?c', 'x#y', 'f')).toBe('/api/v1/shared/reports/a%2Fb%3Fc/artifacts/x%23y/file?path=f');
    expect(artifactFileUrl('a/b', 1, 'f')).toBe('/api/v1/artifacts/a%2Fb/versions/1/file?path=f');
  });
});
