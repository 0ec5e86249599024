import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/runledger.ts';
import { toApiError } from './client.ts';
import { withOrganisation } from './organisation.ts';

/**
 * The typed client for our API: paths, parameters and payloads come from the server's OpenAPI document
 * (`npm run generate` writes `generated/runledger.ts` from `openapi/runledger.json`), so nothing here repeats a
 * payload type by hand. Errors throw an {@link ApiError} built from the problem+json body, so callers (and TanStack
 * Query) see one error shape.
 */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Spring Security's cookie CSRF: a write from the browser session echoes the XSRF-TOKEN cookie as a header. */
export function csrfToken(cookie: string = document.cookie): string | undefined {
  const match = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

const session: Middleware = {
  onRequest({ request }) {
    withOrganisation(request.headers);
    if (!SAFE.has(request.method)) {
      const token = csrfToken();
      if (token) request.headers.set('X-XSRF-TOKEN', token);
    }
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) throw await toApiError(response);
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
});
api.use(session);

/** The body of a successful answer (the middleware has already thrown for any other). */
export function data<T>(answer: { data?: T }): T {
  return answer.data as T;
}

/** Every item of a cursor-paginated list (`items`, `nextCursor`), for lists that are short by nature. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items?: T[]; nextCursor?: string }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    all.push(...(answer.items ?? []));
    cursor = answer.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
