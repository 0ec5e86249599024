import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemberReportScreen } from './MemberReportScreen.tsx';
import { SharedReportScreen } from './SharedReportScreen.tsx';
import { ARTIFACT_ID, comments, json, problem, renderedReport, REPORT_ID, reportView, sharedView, TOKEN } from './fixtures.ts';

vi.mock('uplot', () => {
  const UPlot = vi.fn(function (this: { destroy: () => void }) {
    this.destroy = () => {};
    Object.assign(this, { over: document.createElement('div'), setSize: () => {}, batch: (fn: () => void) => fn() });
  }) as unknown as { paths: unknown };
  UPlot.paths = { linear: () => null };
  return { default: UPlot };
});

/** Answers by path, a fresh Response per call. */
function stubApi(routes: Record<string, () => Response | Promise<Response>>) {
  const fetchMock = vi.fn<typeof fetch>((input) => {
    const url = String(input);
    const answer = routes[url];
    return answer ? Promise.resolve(answer()) : Promise.resolve(problem(404, 'Not Found', `no stub for ${url}`));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The member screen lives inside the app's query cache (it names people through the members list). */
function renderMember(reportId: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemberReportScreen reportId={reportId} />
    </QueryClientProvider>,
  );
}

/** The share-link screen too reads through the app's query cache (no session, no members list). */
function renderShared(token: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SharedReportScreen token={token} />
    </QueryClientProvider>,
  );
}

const SHARED = `/api/v1/shared/reports/${TOKEN}`;
const REPORT = `/api/v1/reports/${REPORT_ID}`;

describe('SharedReportScreen', () => {
  it('shows loading, then the report title, snapshot note and blocks', async () => {
    stubApi({ [SHARED]: () => json(sharedView), [`${SHARED}/data`]: () => json(renderedReport) });

    renderShared(TOKEN);

    expect(screen.getByRole('status').textContent).toBe('Loading report…');
    expect(await screen.findByRole('heading', { name: 'LR sweep, week 47' })).toBeTruthy();
    expect(screen.getByText(/snapshot of 2026-11-21 17:00:00 UTC/)).toBeTruthy();
    expect(await screen.findByText('FINISHED')).toBeTruthy();
    expect(screen.getByText('resnet-weights')).toBeTruthy();
  });

  it('says the link does not exist or was revoked on 404', async () => {
    stubApi({});

    renderShared(TOKEN);

    expect((await screen.findByRole('alert')).textContent).toContain('This link does not exist or was revoked');
  });

  it('says the link is rate limited on 429, with when to retry, and retries on request', async () => {
    let limited = true;
    const fetchMock = stubApi({
      [SHARED]: () =>
        limited ? problem(429, 'Too Many Requests', 'rate limit exceeded', { 'Retry-After': '12' }) : json(sharedView),
      [`${SHARED}/data`]: () => json(renderedReport),
    });

    renderShared(TOKEN);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('rate limited');
    expect(alert.textContent).toContain('Try again in 12 s');
    limited = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'LR sweep, week 47' })).toBeTruthy();
    expect(fetchMock.mock.calls.filter(([url]) => url === SHARED)).toHaveLength(2);
  });

  it('says the network failed when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));

    renderShared(TOKEN);

    expect((await screen.findByRole('alert')).textContent).toContain('could not be reached');
  });

  it('shows the report even when only its data fails, with the reason on each panel', async () => {
    stubApi({
      [SHARED]: () => json(sharedView),
      [`${SHARED}/data`]: () => problem(429, 'Too Many Requests', 'slow down', { 'Retry-After': '3' }),
    });

    renderShared(TOKEN);

    expect(await screen.findByRole('heading', { name: 'LR sweep, week 47' })).toBeTruthy();
    expect((await screen.findAllByRole('alert'))[0]!.textContent).toContain('Try again in 3 s');
  });

  it('sends no credentials on either request', async () => {
    const fetchMock = stubApi({ [SHARED]: () => json(sharedView), [`${SHARED}/data`]: () => json(renderedReport) });

    renderShared(TOKEN);
    await screen.findByRole('heading', { name: 'LR sweep, week 47' });

    expect(fetchMock.mock.calls.map(([, init]) => init?.credentials)).toEqual(['omit', 'omit']);
  });

  it('links artifact files through the share link, without a referrer, and names what no longer resolves', async () => {
    stubApi({ [SHARED]: () => json(sharedView), [`${SHARED}/data`]: () => json(renderedReport) });

    renderShared(TOKEN);

    const link = await screen.findByRole('link', { name: 'labels #1?a=b&c=d.csv' });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/shared/reports/${TOKEN}/artifacts/data/file?path=labels%20%231%3Fa%3Db%26c%3Dd.csv`,
    );
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(link.hasAttribute('download')).toBe(true);
    expect(screen.getByText(/is not available/).textContent).toBe('artifact resnet-weights (production) is not available');
  });
});

describe('MemberReportScreen', () => {
  it('asks to sign in on 401, linking to the SSO login', async () => {
    stubApi({ [REPORT]: () => problem(401, 'Unauthorized', 'authentication required') });
    window.history.pushState({}, '', `/reports/${REPORT_ID}`);

    renderMember(REPORT_ID);

    expect((await screen.findByRole('alert')).textContent).toContain('Sign in to read this report');
    const link = screen.getByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe('/oauth2/authorization/keycloak');
    link.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(link);
    // Remembered, so the start page (where the login ends) can come back here.
    expect(sessionStorage.getItem('runledger.afterSignIn')).toBe(`/reports/${REPORT_ID}`);
    window.history.pushState({}, '', '/');
  });

  it('says a report of another organisation is not found on 404', async () => {
    stubApi({});

    renderMember(REPORT_ID);

    expect((await screen.findByRole('alert')).textContent).toContain('does not exist, or it belongs to another organisation');
  });

  it('shows the report with who saved it, and its comments as text', async () => {
    const hostile = { id: 'c9', body: '<img src=x onerror=alert(1)>', author: 'eve@acme.test', createdAt: '2026-11-21T19:00:00Z' };
    const fetchMock = stubApi({
      [REPORT]: () => json(reportView),
      [`${REPORT}/data`]: () => json(renderedReport),
      [`${REPORT}/comments`]: () => json({ items: [...comments, hostile] }),
    });

    const { container } = renderMember(REPORT_ID);

    expect(await screen.findByRole('heading', { name: 'LR sweep, week 47' })).toBeTruthy();
    expect(screen.getByText(/saved by grace@acme.test 2026-11-21 16:30:12 UTC/)).toBeTruthy();
    expect(await screen.findByText('Nice sweep.')).toBeTruthy();
    expect(screen.getByText(/on “Training loss”/)).toBeTruthy();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    // The report's own reads (string URLs); the members list goes through the typed client, also same-origin.
    expect(fetchMock.mock.calls.filter(([url]) => typeof url === 'string').every(([, init]) => init?.credentials === 'same-origin')).toBe(true);
  });

  it('links artifact files to the artifacts API, by artifact id and resolved version', async () => {
    stubApi({
      [REPORT]: () => json(reportView),
      [`${REPORT}/data`]: () => json(renderedReport),
      [`${REPORT}/comments`]: () => json({ items: [] }),
    });

    renderMember(REPORT_ID);

    const link = await screen.findByRole('link', { name: 'notes/résumé ✓.txt' });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/artifacts/${ARTIFACT_ID}/versions/3/file?path=notes%2Fr%C3%A9sum%C3%A9%20%E2%9C%93.txt`,
    );
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('posts a comment and adds it to the list', async () => {
    document.cookie = 'XSRF-TOKEN=csrf-123';
    const created = { id: 'c3', body: 'Agreed', author: 'ada@acme.test', createdAt: '2026-11-22T10:00:00Z' };
    const fetchMock = stubApi({
      [REPORT]: () => json(reportView),
      [`${REPORT}/data`]: () => json(renderedReport),
      [`${REPORT}/comments`]: () => json({ items: [] }),
    });

    renderMember(REPORT_ID);
    expect(await screen.findByText('No comments yet.')).toBeTruthy();
    fetchMock.mockImplementationOnce(() => Promise.resolve(json(created, 201)));
    fireEvent.change(screen.getByLabelText('Add a comment'), { target: { value: 'Agreed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Comment' }));

    expect(await screen.findByText('Agreed')).toBeTruthy();
    const [, init] = fetchMock.mock.calls.at(-1)!;
    expect(new Headers(init?.headers).get('X-XSRF-TOKEN')).toBe('csrf-123');
  });
});
