/**
 * The organisation's roles and who may do what with them, as the API enforces it (auth/README.md's permission table
 * and invariants). The UI uses these to offer only what the server would accept; the server still decides, and its
 * problem detail is shown when it refuses.
 */
export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const;
export type Role = (typeof ROLES)[number];

export function asRole(value: string | undefined | null): Role | undefined {
  return ROLES.find((r) => r === value);
}

function rank(role: Role | undefined): number {
  return role ? ROLES.indexOf(role) : -1;
}

/** Whether `role` is at least `minimum` (OWNER > ADMIN > MEMBER > VIEWER). */
export function atLeast(role: string | undefined, minimum: Role): boolean {
  return rank(asRole(role)) >= rank(minimum);
}

/** MANAGE_MEMBERS, MANAGE_API_KEYS and READ_AUDIT_LOG all need ADMIN: the organisation settings' actions. */
export function isAdmin(role: string | undefined): boolean {
  return atLeast(role, 'ADMIN');
}

/** Roles a caller may give a member or an invitee: only an OWNER grants OWNER. */
export function grantableRoles(caller: string | undefined): Role[] {
  if (!isAdmin(caller)) return [];
  return caller === 'OWNER' ? [...ROLES] : ROLES.filter((r) => r !== 'OWNER');
}

/** Whether the caller may change this member's role at all: only an OWNER changes (or removes) an OWNER. */
export function mayChangeMember(caller: string | undefined, memberRole: string | undefined): boolean {
  if (!isAdmin(caller)) return false;
  return memberRole !== 'OWNER' || caller === 'OWNER';
}

/** Roles for a new API key: nobody issues a key above their own role (and a key never outranks its holder). */
export function keyRoles(caller: string | undefined, holderRole?: string): Role[] {
  const ceiling = Math.min(rank(asRole(caller)), holderRole ? rank(asRole(holderRole)) : Infinity);
  return ROLES.filter((r) => rank(r) <= ceiling);
}

/** Roles for a new service account: up to the caller's own role, and never OWNER. */
export function serviceAccountRoles(caller: string | undefined): Role[] {
  return keyRoles(caller).filter((r) => r !== 'OWNER');
}

/** Viewers read and comment and are never billed; every other role is a paid seat's worth of rights. */
export function isFreeViewer(role: string | undefined): boolean {
  return role === 'VIEWER';
}

export function roleLabel(role: string | undefined): string {
  if (!role) return '';
  return role.charAt(0) + role.slice(1).toLowerCase();
}

/** What each role may do, in plain words, for the role pickers' hints. */
export const ROLE_HINTS: Record<Role, string> = {
  VIEWER: 'reads everything and comments; free, never billed',
  MEMBER: 'logs runs, edits reports and saved views',
  ADMIN: 'also manages members, API keys, budgets and sees the audit log',
  OWNER: 'also manages billing, deletes projects, grants ownership',
};
