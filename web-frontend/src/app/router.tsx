import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Link, Outlet } from '@tanstack/react-router';
import { StartPage } from '../features/projects/StartPage.tsx';
import { MemberReportScreen } from '../features/reports/MemberReportScreen.tsx';
import { SharedReportScreen } from '../features/reports/SharedReportScreen.tsx';
import { RunPage } from '../features/run/RunPage.tsx';
import { RunsWorkspace } from '../features/runs/RunsWorkspace.tsx';
import { validateRunsSearch } from '../features/runs/search.ts';
import { validateRunSearch } from '../features/run/search.ts';
import { Shell } from './Shell.tsx';

/**
 * Every screen and its URL. The server answers index.html for exactly these path shapes
 * (api/.../http/SinglePageApp.java); each screen's state lives in its search params, validated here.
 */
const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: () => (
    <div className="page" role="alert">
      <h1>There is no page here</h1>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </div>
  ),
});

const shellRoute = createRoute({ getParentRoute: () => rootRoute, id: 'shell', component: Shell });

const startRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: StartPage });

const projectRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'projects/$projectId',
  validateSearch: validateRunsSearch,
  component: RunsWorkspace,
});

const runRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'runs/$runId',
  validateSearch: validateRunSearch,
  component: RunPage,
});

const reportRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'reports/$reportId',
  component: function Report() {
    const { reportId } = reportRoute.useParams();
    return (
      <div className="page">
        <MemberReportScreen key={reportId} reportId={reportId} />
      </div>
    );
  },
});

/** Share links are for anyone holding one: no shell, no session. */
const sharedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'shared/$token',
  component: function Shared() {
    const { token } = sharedRoute.useParams();
    return (
      <div className="page">
        <SharedReportScreen key={token} token={token} />
      </div>
    );
  },
});

const routeTree = rootRoute.addChildren([
  shellRoute.addChildren([startRoute, projectRoute, runRoute, reportRoute]),
  sharedRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
