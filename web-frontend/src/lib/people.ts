import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { allPages, api, data } from './api/typed.ts';
import type { components } from './api/generated/runledger.ts';

type Member = components['schemas']['MemberView'];

/**
 * Runs record who created them as an actor id (`USER:<uuid>`, `SERVICE_ACCOUNT:<uuid>`); people read names. The
 * organisation's members (readable by every role) give the names; anything else shows a short id.
 */
export function usePeople(): (actor: string | undefined) => string {
  const byId = useMembers().data;
  return useCallback((actor) => personName(actor, byId), [byId]);
}

/** The organisation's members by user id (one cached request; every role may read them). */
export function useMembers() {
  return useQuery({
    queryKey: ['members'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const all = await allPages(async (cursor) =>
        data(await api.GET('/api/v1/members', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal })),
      );
      return new Map(all.map((m) => [m.userId!, m]));
    },
  });
}

export function personName(actor: string | undefined, members: ReadonlyMap<string, Member> | undefined): string {
  if (!actor) return '';
  // Some records name a person by email already (comment authors, older report versions): shown as they are.
  if (!actor.includes(':') && actor.includes('@')) return actor;
  const colon = actor.indexOf(':');
  const kind = colon > 0 ? actor.slice(0, colon) : 'USER';
  const id = colon > 0 ? actor.slice(colon + 1) : actor;
  const member = members?.get(id);
  if (member) return member.displayName || member.email || id.slice(0, 8);
  if (kind === 'SERVICE_ACCOUNT') return `service account ${id.slice(0, 8)}`;
  if (kind === 'SYSTEM') return 'system';
  return id.slice(0, 8);
}
