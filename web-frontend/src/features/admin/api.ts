import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';
import { auditQuery, type AuditSearch } from './auditSearch.ts';

export type Member = components['schemas']['MemberView'];
export type Invitation = components['schemas']['Invitation'];
export type ApiKey = components['schemas']['ApiKeyView'];
export type IssuedKey = components['schemas']['IssuedKeyView'];
export type CreateApiKey = components['schemas']['CreateApiKey'];
export type ServiceAccount = components['schemas']['ServiceAccountView'];
export type IdentityProvider = components['schemas']['IdentityProvider'];
export type AddProvider = components['schemas']['AddProvider'];
export type AuditEntry = components['schemas']['AuditEntry'];

/**
 * The organisation settings' server state. Lists are short by nature (members, keys, accounts, providers) and read
 * whole; the audit log is long and read a page at a time. Every write refreshes the lists it changes and the audit
 * log (it recorded the write).
 */
const page = (cursor: string | undefined) => ({ limit: 200, ...(cursor ? { cursor } : {}) });

/** Shared with lib/people.ts (same key, same shape): the member names elsewhere refresh with these. */
export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    queryFn: async ({ signal }) => {
      const all = await allPages(async (cursor) => data(await api.GET('/api/v1/members', { params: { query: page(cursor) }, signal })));
      return new Map(all.map((m) => [m.userId!, m]));
    },
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'invitations'],
    enabled,
    queryFn: async ({ signal }) =>
      allPages(async (cursor) => data(await api.GET('/api/v1/invitations', { params: { query: page(cursor) }, signal }))),
  });
}

export function useApiKeys(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'api-keys'],
    enabled,
    queryFn: async ({ signal }) =>
      allPages(async (cursor) => data(await api.GET('/api/v1/api-keys', { params: { query: page(cursor) }, signal }))),
  });
}

export function useServiceAccounts(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'service-accounts'],
    enabled,
    queryFn: async ({ signal }) =>
      allPages(async (cursor) => data(await api.GET('/api/v1/service-accounts', { params: { query: page(cursor) }, signal }))),
  });
}

export function useIdentityProviders() {
  return useQuery({
    queryKey: ['admin', 'identity-providers'],
    queryFn: async ({ signal }) =>
      allPages(async (cursor) =>
        data(await api.GET('/api/v1/organisation/identity-providers', { params: { query: page(cursor) }, signal })),
      ),
  });
}

export function useAuditLog(search: AuditSearch) {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit-log', search],
    // A new filter keeps the old rows on screen until its own arrive (no skeleton flash, no layout jump).
    placeholderData: keepPreviousData,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      data(
        await api.GET('/api/v1/audit-log', {
          params: { query: { ...auditQuery(search), limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A write that refreshes the given lists and the audit log when it settles. */
function useAdminMutation<In, Out>(fn: (input: In) => Promise<Out>, refresh: string[][]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all([...refresh, ['admin', 'audit-log']].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export function useInvite() {
  return useAdminMutation(
    async (body: { email: string; role: string }) => data(await api.POST('/api/v1/invitations', { body })),
    [['admin', 'invitations']],
  );
}

export function useChangeRole() {
  return useAdminMutation(
    async ({ userId, role }: { userId: string; role: string }) =>
      data(await api.PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role } })),
    [['members'], ['session']],
  );
}

export function useRemoveMember() {
  return useAdminMutation(
    async (userId: string) => {
      await api.DELETE('/api/v1/members/{userId}', { params: { path: { userId } } });
    },
    [['members'], ['admin', 'api-keys']],
  );
}

export function useIssueKey() {
  return useAdminMutation(
    async (body: CreateApiKey) => data(await api.POST('/api/v1/api-keys', { body })),
    [['admin', 'api-keys']],
  );
}

export function useRevokeKey() {
  return useAdminMutation(
    async (keyId: string) => data(await api.DELETE('/api/v1/api-keys/{keyId}', { params: { path: { keyId } } })),
    [['admin', 'api-keys']],
  );
}

export function useCreateServiceAccount() {
  return useAdminMutation(
    async (body: { name: string; role: string }) => data(await api.POST('/api/v1/service-accounts', { body })),
    [['admin', 'service-accounts']],
  );
}

export function useDeleteServiceAccount() {
  return useAdminMutation(
    async (serviceAccountId: string) => {
      await api.DELETE('/api/v1/service-accounts/{serviceAccountId}', { params: { path: { serviceAccountId } } });
    },
    [['admin', 'service-accounts'], ['admin', 'api-keys']],
  );
}

export function useAddProvider() {
  return useAdminMutation(
    async (body: AddProvider) => data(await api.POST('/api/v1/organisation/identity-providers', { body })),
    [['admin', 'identity-providers']],
  );
}
