import { type ReactNode } from 'react';
import { Problem, describeProblem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { useSession } from '../../lib/session.ts';
import { ROLE_HINTS, roleLabel, type Role } from './roles.ts';

/** The signed-in caller's role and id in the current organisation (the shell only renders settings signed in). */
export function useCaller(): { role: string | undefined; id: string | undefined; kind: string | undefined } {
  const session = useSession();
  const caller = session.data?.kind === 'signedIn' ? session.data.organisation.caller : undefined;
  return { role: caller?.role, id: caller?.id, kind: caller?.kind };
}

/** A GET the API refuses for the caller's role is a state of the page, not an error. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403;
}

export function OnlyAdmins({ what }: { what: string }) {
  return (
    <div className="empty-state admin-only" role="note">
      <h2>Only admins can see {what}</h2>
      <p>
        Your role in this organisation does not include it. Ask an admin or owner of the organisation (the Members
        page lists them) if you need something changed here.
      </p>
    </div>
  );
}

/** Loading, refused (403) and failed states of a settings list, in one place; `children` renders the data. */
export function ListState({ query, what, rows = 4, children }: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  what: string;
  rows?: number;
  children: () => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div className="admin-skeleton" aria-busy="true" aria-label={`Loading ${what}`}>
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={20} width={`${90 - i * 7}%`} />
        ))}
      </div>
    );
  }
  if (query.isError) return isForbidden(query.error) ? <OnlyAdmins what={what} /> : <Problem error={query.error} what={what} />;
  return <>{children()}</>;
}

/** A form field with its label, an optional hint, and the client's or the server's complaint about it. */
export function Field({ label, id, error, hint, children }: { label: string; id: string; error?: string | undefined; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`admin-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/** A server refusal in plain words (its problem detail), for places where no single field is to blame. */
export function problemText(error: unknown): string {
  const { title, detail } = describeProblem(error);
  return isApiError(error) && error.detail ? error.detail : `${title}: ${detail}`;
}

export function RoleBadge({ role }: { role: string | undefined }) {
  return <span className={`role-badge role-${(role ?? '').toLowerCase()}`}>{roleLabel(role)}</span>;
}

/** The confirm dialog is shared with the artifacts and models pages (components/ConfirmDialog.tsx). */
export { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

/** A role picker offering `roles` (what the caller may give), with what the chosen role may do beneath it. */
export function RoleField({ id, label = 'Role', roles, value, onChange, error }: {
  id: string;
  label?: string;
  roles: readonly Role[];
  value: Role;
  onChange: (role: Role) => void;
  error?: string | undefined;
}) {
  return (
    <Field label={label} id={id} error={error} hint={ROLE_HINTS[value]}>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A settings table's header row; an empty name is the actions column (named for screen readers only). */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col">
            {c || <span className="visually-hidden">Actions</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
