import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { createShareLink, listShareLinks, revokeShareLink, type IssuedLink, type ShareLink } from './editorApi.ts';
import { formatInstant } from './format.ts';
import { shareLinksKey } from './useReportEditor.ts';

/** The end of the chosen day (UTC) as the link's expiry; undefined for no expiry. */
export function expiryOf(day: string): string | undefined {
  return day ? `${day}T23:59:59Z` : undefined;
}

export function linkState(link: ShareLink, now: number = Date.now()): 'revoked' | 'expired' | 'active' {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return 'expired';
  return 'active';
}

/**
 * Share links: anyone holding one reads the report without an account. Live links show the current version with
 * fresh data; snapshot links freeze this version and its data. The URL is shown once, at creation (the server keeps
 * only a hash): copy it then. The list shows each link's state and how often it was opened; revoke ends it at once.
 */
export function SharePanel({ reportId }: { reportId: string }) {
  const queryClient = useQueryClient();
  const links = useQuery({ queryKey: shareLinksKey(reportId), queryFn: ({ signal }) => listShareLinks(reportId, signal) });
  const [snapshot, setSnapshot] = useState(false);
  const [expires, setExpires] = useState('');
  const [issued, setIssued] = useState<IssuedLink | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const expiryProblem = expires !== '' && expires < today ? 'The expiry must be today or later.' : undefined;
  const create = useMutation({
    mutationFn: () => {
      const expiresAt = expiryOf(expires);
      return createShareLink(reportId, { snapshot, ...(expiresAt ? { expiresAt } : {}) });
    },
    onSuccess: (answer) => {
      setIssued(answer);
      setCopied(false);
      void queryClient.invalidateQueries({ queryKey: shareLinksKey(reportId) });
    },
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => revokeShareLink(reportId, linkId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: shareLinksKey(reportId) }),
  });
  const serverExpiryProblem =
    create.error && isApiError(create.error) && /expir/i.test(create.error.detail ?? '') ? create.error.detail : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (expiryProblem) return;
    create.mutate();
  }

  return (
    <section className="side-panel" aria-label="Share">
      <h3>Share with a link</h3>
      <p className="muted small">Anyone with the link can read this report and its charts without an account.</p>
      <form className="share-form" onSubmit={submit} noValidate>
        <fieldset className="radio-row">
          <legend className="visually-hidden">What the link shows</legend>
          <label>
            <input type="radio" name="share-kind" checked={!snapshot} onChange={() => setSnapshot(false)} /> Live (current version and data)
          </label>
          <label>
            <input type="radio" name="share-kind" checked={snapshot} onChange={() => setSnapshot(true)} /> Snapshot (frozen now)
          </label>
        </fieldset>
        <label className="field">
          <span className="field-label">Expires (optional, end of day UTC)</span>
          <input type="date" value={expires} min={today} aria-invalid={Boolean(expiryProblem || serverExpiryProblem)}
            onChange={(e) => setExpires(e.target.value)} />
        </label>
        {expiryProblem || serverExpiryProblem ? <p role="alert" className="field-problem">{expiryProblem ?? serverExpiryProblem}</p> : null}
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create link'}
        </button>
        {create.error && !serverExpiryProblem ? <Problem error={create.error} what="The link was not created" /> : null}
      </form>
      {issued?.url ? (
        <div className="issued" role="status">
          <label className="field">
            <span className="field-label">New link (shown once: copy it now)</span>
            <input type="text" readOnly value={issued.url} className="mono" onFocus={(e) => e.target.select()} />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(issued.url!).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ) : null}
      {links.isPending ? (
        <Skeleton height={28} />
      ) : links.isError ? (
        <Problem error={links.error} what="The links could not be loaded" />
      ) : links.data.length === 0 ? (
        <p className="muted small">No links yet.</p>
      ) : (
        <table className="links-table">
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Kind</th>
              <th scope="col">Expires</th>
              <th scope="col" className="num">Views</th>
              <th scope="col">State</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {links.data.map((link) => {
              const state = linkState(link);
              return (
                <tr key={link.id} className={state}>
                  <td className="mono" title={link.createdAt ? `created ${formatInstant(link.createdAt)}` : undefined}>
                    {link.tokenPrefix}…
                  </td>
                  <td>{link.snapshotAt ? `snapshot v${link.snapshotVersion}` : 'live'}</td>
                  <td>{link.expiresAt ? formatInstant(link.expiresAt).slice(0, 10) : 'never'}</td>
                  <td className="num" title={link.lastViewedAt ? `last opened ${formatInstant(link.lastViewedAt)}` : 'never opened'}>
                    {link.viewCount ?? 0}
                  </td>
                  <td>{state}</td>
                  <td>
                    {state === 'active' ? (
                      <button type="button" className="button small danger" disabled={revoke.isPending}
                        aria-label={`Revoke link ${link.tokenPrefix}…`} onClick={() => revoke.mutate(link.id!)}>
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {revoke.error ? <Problem error={revoke.error} what="The link was not revoked" /> : null}
    </section>
  );
}
