import { useState } from 'react';
import { RelativeTime } from '../../components/Time.tsx';
import { formatAbsolute } from '../../lib/format.ts';
import { useApiKeys, useMembers, useRevokeKey, useServiceAccounts, type ApiKey, type IssuedKey } from './api.ts';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { CreateKeyForm } from './keys.tsx';
import { ConfirmDialog, ListState, RoleBadge, useCaller, TableHead } from './parts.tsx';
import { isAdmin } from './roles.ts';

/** `/admin/api-keys`: every key of the organisation (prefixes only, never secrets); create one, revoke one. */
export function ApiKeysPage() {
  const { role } = useCaller();
  const keys = useApiKeys();
  const [issued, setIssued] = useState<IssuedKey | undefined>();
  const admin = isAdmin(role);
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title" className="admin-section-title">API keys</h2>
      <p className="muted">
        Scripts and training jobs sign in with a key: MLflow reads it from <code className="mono">MLFLOW_TRACKING_TOKEN</code>, the
        native API from an <code className="mono">Authorization: Bearer</code> header. A key acts with its own role, never above
        its holder’s current one.
      </p>
      {admin && !keys.isError ? (
        issued ? <SecretOnce issued={issued} onDone={() => setIssued(undefined)} /> : <CreateKeyForm onIssued={setIssued} />
      ) : null}
      <ListState query={keys} what="the API keys">
        {() => <KeysTable keys={keys.data!} />}
      </ListState>
    </section>
  );
}

/** The holder's name: a member's, a service account's, or a short id. */
export function useHolderName(): (key: ApiKey) => string {
  const members = useMembers();
  const accounts = useServiceAccounts(isAdmin(useCaller().role));
  return (key) => {
    const id = key.holder?.id ?? '';
    if (key.holder?.kind === 'SERVICE_ACCOUNT') {
      const account = accounts.data?.find((a) => a.id === id);
      return account ? `${account.name} (service account)` : `service account ${id.slice(0, 8)}`;
    }
    const member = members.data?.get(id);
    return member ? member.displayName || member.email || id.slice(0, 8) : id.slice(0, 8);
  };
}

export function KeysTable({ keys, label = 'API keys' }: { keys: ApiKey[]; label?: string }) {
  const holderName = useHolderName();
  const revoke = useRevokeKey();
  const [revoking, setRevoking] = useState<ApiKey | undefined>();
  const active = keys.filter((k) => !k.revokedAt);
  const revoked = keys.filter((k) => k.revokedAt);
  if (keys.length === 0) {
    return (
      <div className="empty-state">
        <h2>No API keys yet</h2>
        <p>Create one above, then paste the lines it shows into your training job’s environment.</p>
      </div>
    );
  }
  const row = (key: ApiKey) => {
    const expired = key.expiresAt !== undefined && key.expiresAt !== null && Date.parse(key.expiresAt) < Date.now();
    return (
      <tr key={key.id} className={key.revokedAt ? 'revoked' : undefined}>
        <td className="mono">{key.prefix}…</td>
        <td>{key.name}</td>
        <td>
          <RoleBadge role={key.role} />
        </td>
        <td>{holderName(key)}</td>
        <td>
          <RelativeTime iso={key.createdAt} />
        </td>
        <td>
          {key.expiresAt ? (
            <time dateTime={key.expiresAt} title={formatAbsolute(key.expiresAt)} className={expired ? 'expired' : undefined}>
              {expired ? 'expired ' : ''}
              {key.expiresAt.slice(0, 10)}
            </time>
          ) : (
            <span className="muted">never</span>
          )}
        </td>
        <td>{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : <span className="muted">never used</span>}</td>
        <td className="row-actions">
          {key.revokedAt ? (
            <span className="muted">
              revoked <RelativeTime iso={key.revokedAt} />
            </span>
          ) : (
            <button
              type="button"
              className="button small"
              aria-label={`Revoke key ${key.name} (${key.prefix})`}
              onClick={() => {
                revoke.reset();
                setRevoking(key);
              }}
            >
              Revoke
            </button>
          )}
        </td>
      </tr>
    );
  };
  return (
    <>
      <table className="admin-table" aria-label={label}>
        <TableHead columns={['Prefix', 'Name', 'Role', 'Holder', 'Created', 'Expires', 'Last used', '']} />
        <tbody>
          {active.map(row)}
          {revoked.map(row)}
        </tbody>
      </table>
      {revoking ? (
        <ConfirmDialog
          title={`Revoke the key “${revoking.name}”?`}
          body={
            <p>
              Anything using <span className="mono">{revoking.prefix}…</span> stops working immediately: its next request is
              refused (401). A revoked key cannot be restored; create a new one instead.
            </p>
          }
          confirmLabel="Revoke key"
          pending={revoke.isPending}
          error={revoke.error}
          onClose={() => setRevoking(undefined)}
          onConfirm={() => revoke.mutate(revoking.id!, { onSuccess: () => setRevoking(undefined) })}
        />
      ) : null}
    </>
  );
}
