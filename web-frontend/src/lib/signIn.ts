/**
 * Coming back to the page that sent someone to sign in. The backend's login ends on `/` (it keeps no "return to"
 * URL), so the page remembers its own path for this tab, and `/` goes back to it once. Only a path of one of our
 * screens is followed, never a URL from elsewhere: this cannot become an open redirect.
 */
const KEY = 'runledger.afterSignIn';

/** Where the browser signs in: the backend's SSO login (api/.../http/BrowserLogin.java). */
export const SIGN_IN_URL = '/oauth2/authorization/keycloak';

/** Where "Create an account" goes: the same login, starting on Keycloak's registration form (prompt=create). */
export const SIGN_UP_URL = `${SIGN_IN_URL}?signup`;

const APP_PATH = /^\/(?:(?:reports|projects|runs)\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)?(?:\?[^#]*)?|join\?org=[a-z0-9-]+)$/;

export function rememberForSignIn(path: string): void {
  try {
    sessionStorage.setItem(KEY, path);
  } catch {
    // Storage disabled: signing in still works, it just ends on the start page.
  }
}

/** The remembered path, if it is one of our screens; forgotten either way. */
export function takeReturnPath(): string | undefined {
  let path: string | null = null;
  try {
    path = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return undefined;
  }
  return path !== null && APP_PATH.test(path) ? path : undefined;
}

/** Spring Security's logout is a POST with the CSRF token; a form post lets the browser follow Keycloak's logout. */
export function signOut(csrfToken: string | undefined): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  if (csrfToken) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = '_csrf';
    input.value = csrfToken;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

/**
 * The organisation an invitation link (`/join?org=<slug>`) names, if this location is one. Back from signing in,
 * main.tsx has already put the remembered link back in the address bar.
 */
export function invitedTo(location: { pathname: string; search: string }): string | undefined {
  if (location.pathname !== '/join') return undefined;
  const org = new URLSearchParams(location.search).get('org');
  return org && /^[a-z0-9-]{2,63}$/.test(org) ? org : undefined;
}
