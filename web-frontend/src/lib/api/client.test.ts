import { describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, isApiError } from './client.ts';

function stubFetch(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function captureError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('apiFetch', () => {
  it('returns the parsed JSON body of a successful response', async () => {
    const fetchMock = stubFetch(
      new Response(JSON.stringify({ id: 'exp-1', name: 'baseline' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );

    const body = await apiFetch<{ id: string; name: string }>('/api/v1/experiments/exp-1');

    expect(body).toEqual({ id: 'exp-1', name: 'baseline' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/experiments/exp-1');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json, application/problem+json');
  });

  it('returns undefined for an empty 204 response', async () => {
    stubFetch(new Response(null, { status: 204 }));

    await expect(apiFetch('/api/v1/runs/r-1', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('turns a problem+json error body into an ApiError with its title, detail and status', async () => {
    stubFetch(
      new Response(
        JSON.stringify({
          type: 'https://runledger.dev/problems/not-found',
          title: 'Experiment not found',
          status: 404,
          detail: 'No experiment with id exp-404 in this workspace.',
          instance: '/api/v1/experiments/exp-404',
          traceId: 'abc123',
        }),
        { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );

    const error = await captureError(apiFetch('/api/v1/experiments/exp-404'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.title).toBe('Experiment not found');
    expect(error.detail).toBe('No experiment with id exp-404 in this workspace.');
    expect(error.type).toBe('https://runledger.dev/problems/not-found');
    expect(error.instance).toBe('/api/v1/experiments/exp-404');
    expect(error.problem?.['traceId']).toBe('abc123');
    expect(error.message).toBe('Experiment not found: No experiment with id exp-404 in this workspace.');
  });

  it('defaults the problem type to about:blank and the title to the status text when the problem omits them', async () => {
    stubFetch(
      new Response(JSON.stringify({ status: 409, detail: 'Run name already taken.' }), {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
      }),
    );

    const error = await captureError(apiFetch('/api/v1/runs', { method: 'POST', body: '{}' }));

    expect(error.status).toBe(409);
    expect(error.title).toBe('Conflict');
    expect(error.detail).toBe('Run name already taken.');
    expect(error.type).toBe('about:blank');
  });

  it('falls back to the HTTP status line when the error body is not JSON', async () => {
    stubFetch(
      new Response('<html><body>Bad Gateway</body></html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );

    const error = await captureError(apiFetch('/api/v1/experiments'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).toBeUndefined();
    expect(error.problem).toBeUndefined();
  });

  it('falls back to the HTTP status line when a problem+json body is malformed', async () => {
    stubFetch(
      new Response('{"title": "trunc', {
        status: 500,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );

    const error = await captureError(apiFetch('/api/v1/experiments'));

    expect(error.status).toBe(500);
    expect(error.title).toBe('HTTP 500');
    expect(error.detail).toBeUndefined();
  });

  it('returns the body of a listed non-2xx status instead of throwing', async () => {
    stubFetch(
      new Response(JSON.stringify({ status: 'DOWN' }), {
        status: 503,
        headers: { 'Content-Type': 'application/vnd.spring-boot.actuator.v3+json' },
      }),
    );

    await expect(apiFetch('/actuator/health', { okStatuses: [503] })).resolves.toEqual({ status: 'DOWN' });
  });

  it('lets a network failure reject as the underlying fetch does', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));

    await expect(apiFetch('/api/v1/experiments')).rejects.toThrow(TypeError);
  });
});
