/**
 * Which organisation a person in several acts in. The server resolves the organisation on every request from the
 * `X-Runledger-Organization` header (a slug), so the choice lives in the browser and every API call carries it.
 * Kept in localStorage: it should survive a reload and a new tab, like the person's theme.
 */
export const ORGANISATION_HEADER = 'X-Runledger-Organization';

const KEY = 'runledger.organisation';

export function chosenOrganisation(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked: act in the default organisation
  }
}

export function chooseOrganisation(slug: string | undefined): void {
  try {
    if (slug) globalThis.localStorage?.setItem(KEY, slug);
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage blocked: the choice lasts until the next reload
  }
}

/** Adds the chosen organisation to a request's headers (nothing when no choice was made). */
export function withOrganisation(headers: Headers): Headers {
  const slug = chosenOrganisation();
  if (slug && !headers.has(ORGANISATION_HEADER)) headers.set(ORGANISATION_HEADER, slug);
  return headers;
}
