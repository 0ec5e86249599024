import { useEffect, useState, type MouseEvent } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { RelativeTime } from '../../components/Time.tsx';
import { toApiError, isApiError } from '../../lib/api/client.ts';
import { withOrganisation } from '../../lib/api/organisation.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { useApiKeys, useAuditLog, useMembers, useServiceAccounts, type AuditEntry } from './api.ts';
import { ACTION_SUGGESTIONS, actionError, describeTarget, exportUrl, type AuditSearch } from './auditSearch.ts';
import { fieldOfDetail } from './validation.ts';
import { Field, ListState, isForbidden, OnlyAdmins, problemText, useCaller, TableHead } from './parts.tsx';
import { isAdmin } from './roles.ts';

const route = getRouteApi('/shell/admin/audit-log');

/**
 * `/admin/audit-log`: who changed what, newest first; filters by actor, action (or family) and days, all in the URL;
 * export of exactly what the filters match.
 */
export function AuditLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const log = useAuditLog(search);
  const members = useMembers();
  const admin = isAdmin(useCaller().role);
  const accounts = useServiceAccounts(admin);
  const keys = useApiKeys(admin);
  const set = (changes: Partial<Record<keyof AuditSearch, string | undefined>>) =>
    navigate({ search: (old: AuditSearch) => patchSearch(old, changes), replace: true });

  const names = (id: string): string | undefined => {
    const member = members.data?.get(id);
    if (member) return member.displayName || member.email;
    const account = accounts.data?.find((a) => a.id === id);
    if (account) return account.name;
    const key = keys.data?.find((k) => k.id === id);
    return key ? `“${key.name}” (${key.prefix}…)` : undefined;
  };
  const actorName = (entry: AuditEntry) => {
    const id = entry.actor?.id ?? '';
    if (entry.actor?.kind === 'SYSTEM') return id === 'runledger' ? 'Runledger' : `system ${id}`;
    const name = names(id);
    if (entry.actor?.kind === 'SERVICE_ACCOUNT') return `${name ?? id.slice(0, 8)} (service account)`;
    return name ?? id.slice(0, 8);
  };

  if (isForbidden(log.error)) return <OnlyAdmins what="the audit log" />;
  const entries = log.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const filtered = Boolean(search.actor || search.action || search.from || search.to);
  const filterProblem = log.isError && isApiError(log.error) && log.error.status === 400 ? problemText(log.error) : undefined;

  return (
    <section aria-labelledby="audit-title">
      <div className="admin-title-row">
        <h2 id="audit-title" className="admin-section-title">Audit log</h2>
        <span className="spacer" />
        <ExportLink search={search} format="csv" />
        <ExportLink search={search} format="json" />
      </div>
      <AuditFilters
        search={search}
        set={set}
        actors={[
          ...[...(members.data?.values() ?? [])].map((m) => ({ id: m.userId!, label: m.displayName || m.email || m.userId! })),
          ...(accounts.data ?? []).map((a) => ({ id: a.id!, label: `${a.name} (service account)` })),
          { id: 'runledger', label: 'Runledger (the platform)' },
        ]}
        serverProblem={filterProblem}
      />
      {filterProblem ? null : (
        <ListState query={log} what="the audit log" rows={6}>
          {() =>
            entries.length === 0 ? (
              <div className="empty-state admin-gap">
                <h2>{filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}</h2>
                <p>
                  {filtered
                    ? 'Widen the days, or use an action family such as member.* instead of one action.'
                    : 'Invitations, role changes, API keys, service accounts, budgets and deletions are recorded here as they happen.'}
                </p>
              </div>
            ) : (
              <>
                <table className="admin-table admin-gap" aria-label="Audit log">
                  <TableHead columns={['Time', 'Actor', 'Action', 'Target', 'Details']} />
                  <tbody>
                    {entries.map((entry) => (
                      <tr key={entry.id}>
                        <td><RelativeTime iso={entry.at} /></td>
                        <td>{actorName(entry)}</td>
                        <td className="mono">{entry.action}</td>
                        <td title={entry.targetId}>{describeTarget(entry.targetKind, entry.targetId, names)}</td>
                        <td className="details mono" title={details(entry.details)}>{details(entry.details)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {log.hasNextPage ? (
                  <button type="button" className="button admin-gap" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                    {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
                  </button>
                ) : null}
              </>
            )
          }
        </ListState>
      )}
    </section>
  );
}

function details(map: Record<string, unknown> | undefined): string {
  if (!map) return '';
  return Object.entries(map)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

function AuditFilters({ search, set, actors, serverProblem }: {
  search: AuditSearch;
  set: (changes: Partial<Record<keyof AuditSearch, string | undefined>>) => void;
  actors: { id: string; label: string }[];
  serverProblem: string | undefined;
}) {
  const [action, setAction] = useState(search.action ?? '');
  const serverField = fieldOfDetail(serverProblem, ['actor', 'action', 'from', 'to']);
  useEffect(() => setAction(search.action ?? ''), [search.action]);
  const localError = actionError(action.trim() || undefined);
  const applyAction = () => {
    if (!localError) set({ action: action.trim() || undefined });
  };
  return (
    <form
      className="admin-form inline audit-filters"
      aria-label="Filter the audit log"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        applyAction();
      }}
    >
      <Field label="Actor" id="audit-actor" error={serverField === 'actor' ? serverProblem : undefined}>
        <select id="audit-actor" value={search.actor ?? ''} onChange={(event) => set({ actor: event.target.value || undefined })}>
          <option value="">Anyone</option>
          {search.actor && !actors.some((a) => a.id === search.actor) ? <option value={search.actor}>{search.actor}</option> : null}
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Action" id="audit-action" error={localError ?? (serverField === 'action' ? serverProblem : undefined)}>
        <input
          id="audit-action"
          list="audit-actions"
          value={action}
          placeholder="e.g. member.*"
          aria-invalid={Boolean(localError) || serverField === 'action'}
          onChange={(event) => setAction(event.target.value)}
          onBlur={applyAction}
        />
        <datalist id="audit-actions">
          {ACTION_SUGGESTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </Field>
      <Field label="From (UTC)" id="audit-from" error={serverField === 'from' || serverField === 'to' ? serverProblem : undefined}>
        <input id="audit-from" type="date" value={search.from ?? ''} onChange={(event) => set({ from: event.target.value || undefined })} />
      </Field>
      <Field label="To (UTC, inclusive)" id="audit-to">
        <input id="audit-to" type="date" value={search.to ?? ''} onChange={(event) => set({ to: event.target.value || undefined })} />
      </Field>
      <button type="submit" className="button">Apply</button>
      {search.actor || search.action || search.from || search.to ? (
        <button type="button" className="button" onClick={() => set({ actor: undefined, action: undefined, from: undefined, to: undefined })}>
          Clear filters
        </button>
      ) : null}
      {serverProblem && !serverField ? <p className="field-error wide" role="alert">{serverProblem}</p> : null}
    </form>
  );
}

/**
 * The export endpoint as a download link. A person in several organisations must name the one they act in with a
 * header, which a plain link cannot send, so a click fetches it (with the header) and saves the answer; the href stays
 * the real endpoint for "copy link" and for people in one organisation.
 */
function ExportLink({ search, format }: { search: AuditSearch; format: 'csv' | 'json' }) {
  const [problem, setProblem] = useState<string | undefined>();
  const href = exportUrl(search, format);
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      const answer = await fetch(href, { credentials: 'same-origin', headers: withOrganisation(new Headers()) });
      if (!answer.ok) throw await toApiError(answer);
      const url = URL.createObjectURL(await answer.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-log.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <>
      <a className="button small" href={href} download={`audit-log.${format}`} onClick={download}>
        Export {format.toUpperCase()}
      </a>
      {problem ? <span className="field-error" role="alert">{problem}</span> : null}
    </>
  );
}
