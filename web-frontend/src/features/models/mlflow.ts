import { ApiError } from '../../lib/api/client.ts';
import { csrfToken } from '../../lib/api/typed.ts';
import { withOrganisation } from '../../lib/api/organisation.ts';

/*
 * MLflow's model registry protocol, as the server speaks it under /api/2.0/mlflow (MLflow's REST API, 2.x). These
 * types are MLflow's, not ours: the server does not publish an OpenAPI document for the MLflow API (its controllers
 * are hidden from ours, since the contract is MLflow's), so there is nothing to generate them from. Only the fields
 * this feature reads are typed; see MLflow's REST API reference (RegisteredModel, ModelVersion) for the rest.
 */

export type MlflowTag = { key: string; value: string };

export type RegisteredModelAlias = { alias: string; version: string };

export type ModelVersion = {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  run_link?: string;
  status?: string;
  status_message?: string;
  tags?: MlflowTag[];
  aliases?: string[];
};

export type RegisteredModel = {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  latest_versions?: ModelVersion[];
  tags?: MlflowTag[];
  aliases?: RegisteredModelAlias[];
};

/** MLflow's stages, in the order a model moves through them. */
export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;

const BASE = '/api/2.0/mlflow';

/**
 * One call of the MLflow API with the browser session: the organisation header and, for writes, the CSRF token, as
 * the typed client sends them. MLflow's errors (`{"error_code", "message"}`) become an {@link ApiError} whose detail
 * is the message, so the page's problem display and field errors work as for our own API.
 */
export async function mlflow<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, input: Record<string, unknown> = {}): Promise<T> {
  const headers = withOrganisation(new Headers({ Accept: 'application/json' }));
  let url = `${BASE}/${path}`;
  let body: string | undefined;
  if (method === 'GET') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(input)) if (value !== undefined) query.set(key, String(value));
    const text = query.toString();
    if (text) url += `?${text}`;
  } else {
    headers.set('Content-Type', 'application/json');
    const token = csrfToken();
    if (token) headers.set('X-XSRF-TOKEN', token);
    body = JSON.stringify(input);
  }
  const response = await fetch(url, { method, headers, body: body ?? null, credentials: 'same-origin' });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) throw mlflowError(response.status, json);
  return json as T;
}

/** An MLflow error answer as our error shape: its message as the detail, its code as the title. */
export function mlflowError(status: number, body: unknown): ApiError {
  const { error_code: code, message } = (body ?? {}) as { error_code?: string; message?: string };
  return new ApiError({ status, title: code ?? `HTTP ${status}`, detail: message ?? 'The MLflow API refused the request.' });
}

/**
 * An MLflow search filter for models whose name contains the text, ignoring case (`name ILIKE '%res%'`); quotes are
 * doubled and LIKE's wildcards escaped so the text is matched literally.
 */
export function nameFilter(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const literal = t.replace(/\\/g, '\\\\').replace(/[%_]/g, (c) => `\\${c}`).replace(/'/g, "''");
  return `name ILIKE '%${literal}%'`;
}

/** A filter for a model's versions: `name = '…'`. */
export const versionsOf = (name: string) => `name = '${name.replace(/'/g, "''")}'`;

/** The versions newest first (MLflow numbers them as strings). */
export function newestFirst(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version));
}

/** The run id MLflow shows (32 hex digits) as our run id (a UUID), for the run page's URL. */
export function runUuid(hex: string | undefined): string | undefined {
  if (!hex) return undefined;
  const h = hex.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(h)) return undefined;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const MLFLOW_ALIAS = /^[A-Za-z0-9_-]+$/;

/** What is wrong with a model alias before asking (MLflow: alphanumerics, _ and -; not `latest`, not `v<n>`). */
export function modelAliasError(alias: string): string | undefined {
  const a = alias.trim();
  if (!a) return 'Name the alias, such as champion.';
  if (!MLFLOW_ALIAS.test(a)) return 'Use letters, digits, underscores or dashes.';
  if (a.toLowerCase() === 'latest' || /^v\d+$/i.test(a)) return 'latest and v<number> are reserved by MLflow.';
  if (a.length > 255) return 'At most 255 characters.';
  return undefined;
}

/** What is wrong with a tag key before asking. */
export function tagKeyError(key: string): string | undefined {
  if (!key.trim()) return 'Name the tag.';
  if (key.length > 250) return 'At most 250 characters.';
  return undefined;
}
