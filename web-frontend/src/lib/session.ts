import { useQuery } from '@tanstack/react-query';
import { api, data } from './api/typed.ts';
import { isApiError } from './api/client.ts';
import { chooseOrganisation, chosenOrganisation, ORGANISATION_HEADER } from './api/organisation.ts';
import { invitedTo } from './signIn.ts';
import type { components } from './api/generated/runledger.ts';

export type Organisation = components['schemas']['OrganisationView'];

export type Session =
  | { kind: 'signedIn'; organisation: Organisation }
  | { kind: 'signedOut' }
  /** Signed in through SSO, but a member of no organisation yet: a new account, before it creates or joins one. */
  | { kind: 'noOrganisation' };

/**
 * Who the browser is: the organisation the session acts in and the caller's role there, signed in without any
 * organisation yet, or signed out (a 401 is an answer here, not an error). Every screen asks through this one query,
 * so the answer is fetched once.
 */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async ({ signal }): Promise<Session> => {
      try {
        return { kind: 'signedIn', organisation: await currentOrganisation(signal) };
      } catch (error) {
        if (isApiError(error) && error.status === 401) return withoutOrganisation(signal);
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * A 401 for the organisation: signed out, unless the person is signed in and belongs to none yet. Such a person
 * who came through an invitation link asks once more, in the invited organisation: the server turns an open
 * invitation for their address into a membership when a request names its organisation.
 */
async function withoutOrganisation(signal: AbortSignal): Promise<Session> {
  try {
    if ((await memberships(signal)).length > 0) return { kind: 'signedOut' };
  } catch (error) {
    if (isApiError(error) && error.status === 401) return { kind: 'signedOut' };
    throw error;
  }
  const invited = invitedTo(window.location);
  if (invited) {
    chooseOrganisation(invited);
    try {
      return { kind: 'signedIn', organisation: data(await api.GET('/api/v1/organisation', { signal })) };
    } catch (error) {
      chooseOrganisation(undefined);
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
  }
  return { kind: 'noOrganisation' };
}

export type Membership = components['schemas']['MembershipView'];

/** The organisations the signed-in person belongs to, with their role in each (the organisation switcher). */
export function useMemberships(enabled: boolean) {
  return useQuery({
    queryKey: ['memberships'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => memberships(signal),
  });
}

async function memberships(signal: AbortSignal): Promise<Membership[]> {
  return data(await api.GET('/api/v1/me/organisations', { signal })).items ?? [];
}

/**
 * The organisation the session acts in. A person in several must choose one: without a (still valid) choice the
 * server answers 400 (ambiguous) or 401 (no longer a member of the chosen one); then the first of their
 * organisations by slug becomes the choice, until the switcher picks another.
 */
async function currentOrganisation(signal: AbortSignal): Promise<Organisation> {
  const ask = async () => data(await api.GET('/api/v1/organisation', { signal }));
  try {
    return await ask();
  } catch (error) {
    const stale = isApiError(error) && error.status === 401 && chosenOrganisation() !== undefined;
    const ambiguous = isApiError(error) && error.status === 400 && (error.detail ?? '').includes(ORGANISATION_HEADER);
    if (!stale && !ambiguous) throw error;
    chooseOrganisation(undefined);
    const first = (await memberships(signal))[0];
    if (!first?.slug) throw error;
    chooseOrganisation(first.slug);
    return ask();
  }
}

/** Whether the signed-in caller may change runs (tags, notes, delete): members and above; viewers only read. */
export function canWriteRuns(session: Session | undefined): boolean {
  const role = session?.kind === 'signedIn' ? session.organisation.caller?.role : undefined;
  return role === 'MEMBER' || role === 'ADMIN' || role === 'OWNER';
}
