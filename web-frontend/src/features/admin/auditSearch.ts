/**
 * The audit log's filters, kept in the URL (`/admin/audit-log?actor=…&action=member.*&from=2026-11-01&to=2026-11-30`):
 * an actor id, an action or action family, and a day range in UTC. `to` is inclusive for people (the whole last
 * day), so the API's half-open window ends at the start of the day after.
 */
export type AuditSearch = {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?$/;

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = {};
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const actor = text('actor');
  if (actor && actor.length <= 200) search.actor = actor;
  // Kept even when malformed: the server's message says what is wrong with it, next to the field.
  const action = text('action');
  if (action && action.length <= 200) search.action = action;
  const from = text('from');
  if (from && DAY.test(from)) search.from = from;
  const to = text('to');
  if (to && DAY.test(to)) search.to = to;
  return search;
}

export function actionError(action: string | undefined): string | undefined {
  if (!action) return undefined;
  return ACTION.test(action) ? undefined : 'An action such as member.role_changed, or a family such as member.*';
}

/** The next calendar day of a `YYYY-MM-DD` (UTC). */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The API's query parameters for the URL's filters (also for the export). */
export function auditQuery(search: AuditSearch): Record<string, string> {
  const query: Record<string, string> = {};
  if (search.actor) query['actor'] = search.actor;
  if (search.action) query['action'] = search.action;
  if (search.from) query['from'] = `${search.from}T00:00:00Z`;
  if (search.to) query['to'] = `${nextDay(search.to)}T00:00:00Z`;
  return query;
}

export function exportUrl(search: AuditSearch, format: 'csv' | 'json'): string {
  const params = new URLSearchParams({ ...auditQuery(search), format });
  return `/api/v1/audit-log/export?${params.toString()}`;
}

/** Action families offered as suggestions in the action filter (what the server records today). */
export const ACTION_SUGGESTIONS = [
  'member.*',
  'member.invited',
  'member.added',
  'member.role_changed',
  'member.removed',
  'api_key.*',
  'api_key.created',
  'api_key.revoked',
  'service_account.*',
  'sso.*',
  'budget.*',
  'billing.*',
  'project.*',
  'run.*',
  'report.*',
];

/** A short sentence for an entry's target: `api_key 3f2a…` → kind and a short id, or a name where one is known. */
export function describeTarget(kind: string | undefined, id: string | undefined, names: (id: string) => string | undefined): string {
  if (!kind && !id) return '';
  const name = id ? names(id) : undefined;
  const label = (kind ?? '').replace(/_/g, ' ');
  if (name) return `${label} ${name}`.trim();
  if (!id) return label;
  const short = /^[0-9a-f-]{36}$/i.test(id) ? id.slice(0, 8) : id;
  return `${label} ${short}`.trim();
}
