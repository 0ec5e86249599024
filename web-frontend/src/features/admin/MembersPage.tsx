import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { useSession } from '../../lib/session.ts';
import { isApiError } from '../../lib/api/client.ts';
import { useChangeRole, useInvitations, useInvite, useMembers, useRemoveMember, type Member } from './api.ts';
import { ConfirmDialog, Field, ListState, RoleBadge, RoleField, problemText, useCaller, TableHead } from './parts.tsx';
import { grantableRoles, isAdmin, isFreeViewer, mayChangeMember, roleLabel, type Role } from './roles.ts';
import { emailError, fieldOfDetail } from './validation.ts';

/** `/admin/members`: who belongs to the organisation, with what role; admins invite, change roles and remove. */
export function MembersPage() {
  const { role } = useCaller();
  const admin = isAdmin(role);
  const members = useMembers();
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title" className="admin-section-title">Members</h2>
      <p className="billing-note">
        <strong>Viewers are free.</strong> They read every project, run and report and can comment, and they are never
        billed: add as many as you like. Runledger charges for the data you log and store, never for seats.
      </p>
      {admin ? <InviteForm callerRole={role} /> : null}
      <ListState query={members} what="the members">
        {() => <MembersTable members={[...members.data!.values()]} />}
      </ListState>
      {admin ? <PendingInvitations /> : null}
    </section>
  );
}

function MembersTable({ members }: { members: Member[] }) {
  const { role: callerRole, id: callerId } = useCaller();
  const [removing, setRemoving] = useState<Member | undefined>();
  const remove = useRemoveMember();
  if (members.length === 0) {
    return <p className="empty-state">Nobody is a member yet. Invite people by email above.</p>;
  }
  const sorted = [...members].sort((a, b) => (a.email ?? '').localeCompare(b.email ?? ''));
  return (
    <>
      <table className="admin-table" aria-label="Members">
        <TableHead columns={['Name', 'Email', 'Role', 'Joined', ...(isAdmin(callerRole) ? [''] : [])]} />
        <tbody>
          {sorted.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              you={member.userId === callerId}
              callerRole={callerRole}
              onRemove={() => {
                remove.reset();
                setRemoving(member);
              }}
            />
          ))}
        </tbody>
      </table>
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.displayName || removing.email}?`}
          body={
            <p>
              {removing.email} loses access to the organisation at once, and every API key they hold is revoked in the
              same step. Their runs and reports stay. You can invite them again later.
            </p>
          }
          confirmLabel="Remove member"
          pending={remove.isPending}
          error={remove.error}
          explain={lastOwnerText}
          onClose={() => setRemoving(undefined)}
          onConfirm={() => remove.mutate(removing.userId!, { onSuccess: () => setRemoving(undefined) })}
        />
      ) : null}
    </>
  );
}

function MemberRow({ member, you, callerRole, onRemove }: { member: Member; you: boolean; callerRole: string | undefined; onRemove: () => void }) {
  const change = useChangeRole();
  const admin = isAdmin(callerRole);
  const mayChange = mayChangeMember(callerRole, member.role);
  const name = member.displayName || member.email?.split('@')[0] || '';
  return (
    <tr>
      <td>
        {name}
        {you ? <span className="muted"> (you)</span> : null}
      </td>
      <td className="mono">{member.email}</td>
      <td>
        {admin && mayChange ? (
          <select
            aria-label={`Role of ${member.email}`}
            // While the change is on its way the picker shows the choice, not the old role.
            value={change.isPending ? change.variables.role : member.role}
            disabled={change.isPending}
            onChange={(event) => change.mutate({ userId: member.userId!, role: event.target.value })}
          >
            {grantableRoles(callerRole).map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        ) : (
          <RoleBadge role={member.role} />
        )}
        {isFreeViewer(member.role) ? <span className="free-badge" title="Viewers are never billed">Free viewer</span> : null}
        {admin && !mayChange ? <span className="muted small"> only an owner changes an owner</span> : null}
        {change.isError ? (
          <div className="field-error" role="alert">
            {lastOwnerText(change.error)}
          </div>
        ) : null}
      </td>
      <td>
        <RelativeTime iso={member.createdAt} />
      </td>
      {admin ? (
        <td className="row-actions">
          {mayChange ? (
            <button type="button" className="button small" aria-label={`Remove ${member.email}`} onClick={onRemove}>
              Remove
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

/**
 * The server refuses to leave the organisation without an owner (409); that refusal in plain words, with what to do.
 */
export function lastOwnerText(error: unknown): string {
  if (isApiError(error) && error.status === 409 && /at least one owner/i.test(error.detail ?? '')) {
    return 'This is the last owner. An organisation always keeps at least one owner: make someone else an owner first, then change this one.';
  }
  return problemText(error);
}

function InviteForm({ callerRole }: { callerRole: string | undefined }) {
  const session = useSession();
  const slug = session.data?.kind === 'signedIn' ? session.data.organisation.slug : undefined;
  // Runledger sends no e-mail itself: the admin passes this on. Following it signs the person in (or lets them create
  // an account) and lands them in this organisation; the invitation is matched to the address they sign in with.
  const inviteLink = slug ? `${window.location.origin}/join?org=${encodeURIComponent(slug)}` : undefined;
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState<string | undefined>();
  const invite = useInvite();
  const clientError = touched ? emailError(email) : undefined;
  const serverDetail = invite.isError ? problemText(invite.error) : undefined;
  const serverField = invite.isError ? fieldOfDetail(isApiError(invite.error) ? invite.error.detail : undefined, ['email', 'role']) : undefined;
  return (
    <form
      className="admin-form inline"
      aria-label="Invite a person"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (emailError(email)) return;
        setSent(undefined);
        invite.mutate(
          { email: email.trim(), role },
          {
            onSuccess: (answer) => {
              setSent(`Invited ${answer.email} as ${roleLabel(answer.role).toLowerCase()}: they join when they sign in with that address. Send them this link:`);
              setEmail('');
              setTouched(false);
            },
          },
        );
      }}
    >
      <Field label="Invite by email" id="invite-email" error={clientError ?? (serverField === 'email' ? serverDetail : undefined)}>
        <input
          id="invite-email"
          type="email"
          value={email}
          placeholder="name@company.com"
          aria-invalid={Boolean(clientError) || serverField === 'email'}
          onChange={(event) => {
            setEmail(event.target.value);
            invite.reset();
          }}
          onBlur={() => setTouched(email !== '')}
        />
      </Field>
      <RoleField id="invite-role" roles={grantableRoles(callerRole)} value={role} onChange={setRole} error={serverField === 'role' ? serverDetail : undefined} />
      <button type="submit" className="button primary" disabled={invite.isPending}>
        Send invitation
      </button>
      {invite.isError && !serverField ? <p className="field-error wide" role="alert">{serverDetail}</p> : null}
      {sent ? (
        <div className="form-success wide" role="status">
          <p>{sent}</p>
          {inviteLink ? (
            <p className="invite-link">
              <code className="mono">{inviteLink}</code> <CopyButton text={inviteLink} label="Copy link" />
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function PendingInvitations() {
  const invitations = useInvitations(true);
  return (
    <section aria-labelledby="invitations-title" className="admin-subsection">
      <h3 id="invitations-title">Pending invitations</h3>
      <ListState query={invitations} what="the invitations" rows={2}>
        {() =>
          invitations.data!.length === 0 ? (
            <p className="muted">No open invitations. An invited person joins with their role the first time they sign in.</p>
          ) : (
            <table className="admin-table" aria-label="Pending invitations">
              <TableHead columns={['Email', 'Role', 'Invited']} />
              <tbody>
                {invitations.data!.map((invitation) => (
                  <tr key={invitation.email}>
                    <td className="mono">{invitation.email}</td>
                    <td>
                      <RoleBadge role={invitation.role} />
                      {isFreeViewer(invitation.role) ? <span className="free-badge">Free viewer</span> : null}
                    </td>
                    <td>
                      <RelativeTime iso={invitation.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </ListState>
    </section>
  );
}
