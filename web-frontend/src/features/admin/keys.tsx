import { useState } from 'react';
import { isApiError } from '../../lib/api/client.ts';
import { useIssueKey, type IssuedKey } from './api.ts';
import { Field, RoleField, problemText, useCaller } from './parts.tsx';
import { keyRoles, type Role } from './roles.ts';
import { EXPIRY_CHOICES, expiryFrom } from '../../lib/snippets.ts';
import { fieldOfDetail, nameError } from './validation.ts';

/**
 * Creating an API key (for yourself, or for a service account when `holder` is given) and showing its secret once.
 * Used by the API keys page and by each service account.
 */
export function CreateKeyForm({ holder, onIssued, onCancel }: {
  holder?: { kind: 'SERVICE_ACCOUNT'; id: string; name: string; role: string } | undefined;
  onIssued: (issued: IssuedKey) => void;
  onCancel?: () => void;
}) {
  const { role: callerRole } = useCaller();
  const roles = keyRoles(callerRole, holder?.role);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('MEMBER') ? 'MEMBER' : (roles.at(-1) ?? 'VIEWER'));
  const [expiry, setExpiry] = useState('90');
  const [touched, setTouched] = useState(false);
  const issue = useIssueKey();
  const clientError = touched ? nameError(name, 'key') : undefined;
  const detail = isApiError(issue.error) ? issue.error.detail : undefined;
  const serverField = issue.isError ? fieldOfDetail(detail, ['name', 'role', 'expiresAt']) : undefined;
  const serverText = issue.isError ? problemText(issue.error) : undefined;
  const id = holder ? `key-${holder.id.slice(0, 8)}` : 'key';
  return (
    <form
      className="admin-form inline"
      aria-label={holder ? `New key for ${holder.name}` : 'New API key'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (nameError(name, 'key')) return;
        const choice = EXPIRY_CHOICES.find((c) => String(c.days ?? 'never') === expiry);
        const expiresAt = expiryFrom(choice?.days);
        issue.mutate(
          {
            name: name.trim(),
            role,
            ...(expiresAt ? { expiresAt } : {}),
            ...(holder ? { holder: { kind: holder.kind, id: holder.id } } : {}),
          },
          {
            onSuccess: (issued) => {
              setName('');
              setTouched(false);
              onIssued(issued);
            },
          },
        );
      }}
    >
      <Field label="Key name" id={`${id}-name`} error={clientError ?? (serverField === 'name' ? serverText : undefined)}>
        <input
          id={`${id}-name`}
          value={name}
          placeholder="e.g. training cluster"
          aria-invalid={Boolean(clientError) || serverField === 'name'}
          onChange={(event) => {
            setName(event.target.value);
            issue.reset();
          }}
        />
      </Field>
      <RoleField id={`${id}-role`} roles={roles} value={role} onChange={setRole} error={serverField === 'role' ? serverText : undefined} />
      <Field label="Expires in" id={`${id}-expiry`} error={serverField === 'expiresAt' ? serverText : undefined}>
        <select id={`${id}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value)}>
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.label} value={String(c.days ?? 'never')}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button primary" disabled={issue.isPending}>
        Create key
      </button>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
      {issue.isError && !serverField ? <p className="field-error wide" role="alert">{serverText}</p> : null}
    </form>
  );
}
