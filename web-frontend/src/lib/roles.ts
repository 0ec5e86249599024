import { useSession } from './session.ts';

/** The organisation roles, least to most (auth's Permission table says what each may do). */
const ORDER = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const;
export type Role = (typeof ORDER)[number];

/** Whether `role` is `minimum` or above; an unknown role (an API key, no session yet) is below everything. */
export function atLeast(role: string | undefined, minimum: Role): boolean {
  const rank = ORDER.indexOf(role as Role);
  return rank >= 0 && rank >= ORDER.indexOf(minimum);
}

/** The signed-in caller's role in the current organisation, and that organisation's name. */
export function useCaller(): { role: string | undefined; organisation: string; slug: string } {
  const session = useSession();
  const organisation = session.data?.kind === 'signedIn' ? session.data.organisation : undefined;
  return { role: organisation?.caller?.role, organisation: organisation?.name ?? '', slug: organisation?.slug ?? '' };
}
