import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { App } from './App.tsx';

function healthResponse(status: string, httpStatus = 200): Response {
  return new Response(JSON.stringify({ status }), {
    status: httpStatus,
    headers: { 'Content-Type': 'application/vnd.spring-boot.actuator.v3+json' },
  });
}

describe('App', () => {
  it('shows the product name', () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(healthResponse('UP')));

    render(<App />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Runledger');
  });

  it('shows the backend as UP when the health endpoint reports UP', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(healthResponse('UP'));
    vi.stubGlobal('fetch', fetchMock);

    render(<App />);

    expect(screen.getByRole('status').textContent).toBe('Checking backend…');
    expect((await screen.findByText('Backend status: UP')).getAttribute('role')).toBe('status');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/actuator/health');
  });

  it('shows the backend as DOWN when the health endpoint answers 503 with status DOWN', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(healthResponse('DOWN', 503)));

    render(<App />);

    expect(await screen.findByText('Backend status: DOWN')).toBeTruthy();
  });

  it('shows a friendly message when the backend cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));

    render(<App />);

    expect(await screen.findByText('Backend unreachable — is the server running on port 8080?')).toBeTruthy();
  });

  it('shows the shared report screen for /shared/{token}, reading only the share-link API', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
      new Response(JSON.stringify({ title: 'Not Found', status: 404 }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);

    render(<App pathname="/shared/rls_abc" />);

    expect((await screen.findByRole('alert')).textContent).toContain('This link does not exist or was revoked');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      '/api/v1/shared/reports/rls_abc',
      '/api/v1/shared/reports/rls_abc/data',
    ]);
  });

  it('shows the member report screen for /reports/{id}', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(
      new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);

    render(<App pathname="/reports/r-1" />);

    expect((await screen.findByRole('alert')).textContent).toContain('Sign in to read this report');
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/reports/r-1');
  });

  it('says there is no page for an unknown path, without calling the backend', () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);

    render(<App pathname="/nowhere" />);

    expect(screen.getByRole('alert').textContent).toContain('There is no page here');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a friendly message when the proxy answers with a non-JSON error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(new Response('connect ECONNREFUSED', { status: 500, statusText: 'Internal Server Error' })),
    );

    render(<App />);

    expect(await screen.findByText('Backend unreachable — is the server running on port 8080?')).toBeTruthy();
  });
});
