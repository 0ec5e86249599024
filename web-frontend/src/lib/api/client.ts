import { withOrganisation } from './organisation.ts';

/**
 * Minimal typed fetch wrapper for the Runledger backend.
 *
 * Successful responses are parsed as JSON. Error responses are turned into an
 * {@link ApiError}; when the body is an RFC 9457 problem detail
 * (`application/problem+json`) its `type`, `title`, `status`, `detail` and
 * `instance` members are carried over, otherwise the HTTP status line is used.
 */

/** RFC 9457 problem details object. Extension members are kept as unknown values. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  /** HTTP status code of the response. */
  readonly status: number;
  /** Short, human-readable summary (problem `title`, or the HTTP status text). */
  readonly title: string;
  /** Human-readable explanation specific to this occurrence, when the server gave one. */
  readonly detail: string | undefined;
  /** Problem type URI; `about:blank` when absent (RFC 9457 §4.2.1). */
  readonly type: string;
  readonly instance: string | undefined;
  /** The parsed problem body, or undefined when the body was not a problem detail. */
  readonly problem: ProblemDetail | undefined;
  /** Seconds from a `Retry-After` header given in seconds (429 and 503 answers), when present. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | undefined;
    type?: string | undefined;
    instance?: string | undefined;
    problem?: ProblemDetail | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type ?? 'about:blank';
    this.instance = init.instance;
    this.problem = init.problem;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface ApiRequestInit extends RequestInit {
  /** Non-2xx statuses whose body should be returned instead of thrown (e.g. 503 from health). */
  okStatuses?: readonly number[];
}

const JSON_TYPES = /^application\/(?:[\w.+-]+\+)?json\b/i;
const PROBLEM_TYPE = /^application\/problem\+json\b/i;

/**
 * Performs a request and returns the parsed JSON body (undefined for an empty body).
 * Throws {@link ApiError} for error responses; network failures reject as fetch does.
 */
export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { okStatuses = [], headers, ...rest } = init;
  const requestHeaders = new Headers(headers);
  if (!requestHeaders.has('Accept')) {
    requestHeaders.set('Accept', 'application/json, application/problem+json');
  }
  if (rest.body !== undefined && typeof rest.body === 'string' && !requestHeaders.has('Content-Type')) {
    requestHeaders.set('Content-Type', 'application/json');
  }

  // A share link is read as its token alone (credentials omitted): no organisation to choose there.
  if (rest.credentials !== 'omit') withOrganisation(requestHeaders);
  const response = await fetch(path, { ...rest, headers: requestHeaders });
  if (!response.ok && !okStatuses.includes(response.status)) {
    throw await toApiError(response);
  }
  const text = await response.text();
  if (text.length === 0) {
    return undefined as T;
  }
  return JSON.parse(text) as T;
}

/** Builds an {@link ApiError} from an error response, reading its body once. */
export async function toApiError(response: Response): Promise<ApiError> {
  const fallbackTitle = response.statusText || `HTTP ${response.status}`;
  const contentType = response.headers.get('Content-Type') ?? '';
  const retryAfter = response.headers.get('Retry-After');
  const retryAfterSeconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : undefined;

  let text = '';
  try {
    text = await response.text();
  } catch {
    // Body unreadable: fall through to the status-line error.
  }

  const problem = JSON_TYPES.test(contentType) ? parseProblem(text, PROBLEM_TYPE.test(contentType)) : undefined;
  if (!problem) {
    return new ApiError({ status: response.status, title: fallbackTitle, retryAfterSeconds });
  }
  return new ApiError({
    status: typeof problem.status === 'number' ? problem.status : response.status,
    title: nonEmpty(problem.title) ?? fallbackTitle,
    detail: nonEmpty(problem.detail),
    type: nonEmpty(problem.type),
    instance: nonEmpty(problem.instance),
    problem,
    retryAfterSeconds,
  });
}

/**
 * Parses a problem detail body. A plain JSON body only counts as a problem when
 * it has a string `title` or numeric `status`; a declared problem+json body
 * counts whenever it is a JSON object.
 */
function parseProblem(text: string, declaredProblem: boolean): ProblemDetail | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const candidate = value as ProblemDetail;
  if (declaredProblem || typeof candidate.title === 'string' || typeof candidate.status === 'number') {
    return candidate;
  }
  return undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
