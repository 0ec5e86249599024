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

  it('shows a friendly message when the proxy answers with a non-JSON error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(new Response('connect ECONNREFUSED', { status: 500, statusText: 'Internal Server Error' })),
    );

    render(<App />);

    expect(await screen.findByText('Backend unreachable — is the server running on port 8080?')).toBeTruthy();
  });
});
