import { route } from './routes.ts';

/**
 * Coming back to the report after signing in. The backend's login ends on `/` (it keeps no "return to" URL), so
 * the page that sent someone to sign in remembers its own path for this tab, and `/` goes back to it once.
 * Only a path of a known screen is followed, never a URL from elsewhere: this cannot become an open redirect.
 */
const KEY = 'runledger.afterSignIn';

export function rememberForSignIn(pathname: string): void {
  try {
    sessionStorage.setItem(KEY, pathname);
  } catch {
    // Storage disabled: signing in still works, it just ends on the start page.
  }
}

/** The remembered path, if it is a report page; forgotten either way. */
export function takeReturnPath(): string | undefined {
  let path: string | null = null;
  try {
    path = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return undefined;
  }
  if (path === null || !path.startsWith('/') || path.startsWith('//')) return undefined;
  return route(path).screen === 'report' ? path : undefined;
}
