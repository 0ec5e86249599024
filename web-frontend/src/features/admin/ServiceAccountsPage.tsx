import { useState } from 'react';
import { RelativeTime } from '../../components/Time.tsx';
import { isApiError } from '../../lib/api/client.ts';
import {
  useApiKeys,
  useCreateServiceAccount,
  useDeleteServiceAccount,
  useServiceAccounts,
  type ApiKey,
  type IssuedKey,
  type ServiceAccount,
} from './api.ts';
import { KeysTable } from './ApiKeysPage.tsx';
import { SecretOnce } from '../../components/SecretOnce.tsx';
import { CreateKeyForm } from './keys.tsx';
import { ConfirmDialog, Field, ListState, RoleBadge, RoleField, problemText, useCaller } from './parts.tsx';
import { serviceAccountRoles, type Role } from './roles.ts';
import { fieldOfDetail, nameError } from './validation.ts';

/**
 * `/admin/service-accounts`: non-human members for CI and training clusters, so a job's key does not die with a
 * person's membership. Each has its own keys; deleting it revokes them.
 */
export function ServiceAccountsPage() {
  const accounts = useServiceAccounts();
  const keys = useApiKeys();
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="admin-section-title">Service accounts</h2>
      <p className="muted">
        For CI and training clusters: a service account’s keys keep working when people come and go. It can be at most
        an admin.
      </p>
      {!accounts.isError ? <CreateAccountForm /> : null}
      <ListState query={accounts} what="the service accounts">
        {() =>
          accounts.data!.length === 0 ? (
            <div className="empty-state">
              <h2>No service accounts yet</h2>
              <p>Create one above (say “ci” as a member), then give it a key for your pipeline.</p>
            </div>
          ) : (
            <ul className="account-list" aria-label="Service accounts">
              {accounts.data!.map((account) => (
                <AccountCard key={account.id} account={account} keys={(keys.data ?? []).filter((k) => k.holder?.id === account.id)} />
              ))}
            </ul>
          )
        }
      </ListState>
    </section>
  );
}

function AccountCard({ account, keys }: { account: ServiceAccount; keys: ApiKey[] }) {
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<IssuedKey | undefined>();
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteServiceAccount();
  const live = keys.filter((k) => !k.revokedAt).length;
  return (
    <li className="account-card" aria-label={`Service account ${account.name}`}>
      <div className="account-head">
        <strong>{account.name}</strong>
        <RoleBadge role={account.role} />
        <span className="muted">
          created <RelativeTime iso={account.createdAt} /> · {live} active {live === 1 ? 'key' : 'keys'}
        </span>
        <span className="spacer" />
        {!adding && !issued ? (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            New key
          </button>
        ) : null}
        <button
          type="button"
          className="button small"
          aria-label={`Delete service account ${account.name}`}
          onClick={() => {
            remove.reset();
            setDeleting(true);
          }}
        >
          Delete
        </button>
      </div>
      {issued ? (
        <SecretOnce issued={issued} onDone={() => setIssued(undefined)} />
      ) : adding ? (
        <CreateKeyForm
          holder={{ kind: 'SERVICE_ACCOUNT', id: account.id!, name: account.name!, role: account.role! }}
          onIssued={(answer) => {
            setAdding(false);
            setIssued(answer);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {keys.length > 0 ? <KeysTable keys={keys} label={`Keys of ${account.name}`} /> : <p className="muted">No keys yet.</p>}
      {deleting ? (
        <ConfirmDialog
          title={`Delete the service account “${account.name}”?`}
          body={<p>Its {live} active {live === 1 ? 'key stops' : 'keys stop'} working at once. This cannot be undone.</p>}
          confirmLabel="Delete service account"
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(false)}
          onConfirm={() => remove.mutate(account.id!, { onSuccess: () => setDeleting(false) })}
        />
      ) : null}
    </li>
  );
}

function CreateAccountForm() {
  const { role: callerRole } = useCaller();
  const roles = serviceAccountRoles(callerRole);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [touched, setTouched] = useState(false);
  const create = useCreateServiceAccount();
  const clientError = touched ? nameError(name, 'service account') : undefined;
  const serverText = create.isError ? problemText(create.error) : undefined;
  const serverField = create.isError ? fieldOfDetail(isApiError(create.error) ? create.error.detail : undefined, ['name', 'role']) : undefined;
  return (
    <form
      className="admin-form inline"
      aria-label="New service account"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (nameError(name, 'service account')) return;
        create.mutate({ name: name.trim(), role }, { onSuccess: () => { setName(''); setTouched(false); } });
      }}
    >
      <Field label="Service account name" id="sa-name" error={clientError ?? (serverField === 'name' ? serverText : undefined)}>
        <input id="sa-name" value={name} placeholder="e.g. ci" onChange={(event) => { setName(event.target.value); create.reset(); }} />
      </Field>
      <RoleField id="sa-role" roles={roles} value={role} onChange={setRole} error={serverField === 'role' ? serverText : undefined} />
      <button type="submit" className="button primary" disabled={create.isPending}>
        Create service account
      </button>
      {create.isError && !serverField ? <p className="field-error wide" role="alert">{serverText}</p> : null}
    </form>
  );
}
