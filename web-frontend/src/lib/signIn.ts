/**
 * Coming back to the page that sent someone to sign in. The backend's login ends on `/` (it keeps no "return to"
 * URL), so the page remembers its own path for this tab, and `/` goes back to it once. Only a path of one of our
 * screens is followed, never a URL from elsewhere: this cannot become an open redirect.
 */
const KEY = 'runledger.afterSignIn';

/** Where the browser signs in: the backend's SSO login (api/.../http/BrowserLogin.java). */
export const SIGN_IN_URL = '/oauth2/authorization/keycloak';

const APP_PATH = /^\/(?:reports|projects|runs)\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)?(?:\?[^#]*)?$/;

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
