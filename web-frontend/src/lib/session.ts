import { useQuery } from '@tanstack/react-query';
import { api, data } from './api/typed.ts';
import { isApiError } from './api/client.ts';
import type { components } from './api/generated/runledger.ts';

export type Organisation = components['schemas']['OrganisationView'];

export type Session = { kind: 'signedIn'; organisation: Organisation } | { kind: 'signedOut' };

/**
 * Who the browser is: the organisation the session acts in and the caller's role there, or signed out (a 401 is an
 * answer here, not an error). Every screen asks through this one query, so the answer is fetched once.
 */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async ({ signal }): Promise<Session> => {
      try {
        const organisation = data(await api.GET('/api/v1/organisation', { signal }));
        return { kind: 'signedIn', organisation };
      } catch (error) {
        if (isApiError(error) && error.status === 401) return { kind: 'signedOut' };
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Whether the signed-in caller may change runs (tags, notes, delete): members and above; viewers only read. */
export function canWriteRuns(session: Session | undefined): boolean {
  const role = session?.kind === 'signedIn' ? session.organisation.caller?.role : undefined;
  return role === 'MEMBER' || role === 'ADMIN' || role === 'OWNER';
}
