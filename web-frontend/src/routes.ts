/** Which screen a path shows. The server answers index.html for exactly these shapes (see SinglePageApp.java). */
export type Route =
  | { screen: 'home' }
  | { screen: 'sharedReport'; token: string }
  | { screen: 'report'; reportId: string }
  | { screen: 'notFound' };

export function route(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { screen: 'home' };
  const match = /^\/(shared|reports)\/([^/]+)$/.exec(path);
  if (match) {
    let segment: string;
    try {
      segment = decodeURIComponent(match[2]!);
    } catch {
      return { screen: 'notFound' };
    }
    return match[1] === 'shared' ? { screen: 'sharedReport', token: segment } : { screen: 'report', reportId: segment };
  }
  return { screen: 'notFound' };
}
