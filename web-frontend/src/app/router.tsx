import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  redirect,
  type RouteComponent,
} from '@tanstack/react-router';
import { Skeleton } from '../components/Skeleton.tsx';
import { StartPage } from '../features/projects/StartPage.tsx';
import { validateRunsSearch } from '../features/runs/search.ts';
import { validateRunSearch } from '../features/run/search.ts';
import { validateAuditSearch } from '../features/admin/auditSearch.ts';
import { validateBudgetsSearch, validateUsageSearch } from '../features/usage/search.ts';
import { validateBillingSearch } from '../features/billing/search.ts';
import { CreateOrganisation } from '../features/onboarding/CreateOrganisation.tsx';
import { validateArtifactSearch, validateArtifactsSearch } from '../features/artifacts/search.ts';
import { validateModelSearch, validateModelsSearch } from '../features/models/search.ts';
import { runIdsOf, validateReportSearch, validateReportsIndexSearch } from '../features/reports/search.ts';
import { Shell } from './Shell.tsx';

/**
 * Every screen and its URL. The server answers index.html for exactly these path shapes
 * (api/.../http/SinglePageApp.java); each screen's state lives in its search params, validated here.
 *
 * Screens other than the start page are code-split (the router's `lazyRouteComponent`): the start page and the
 * sign-in card load neither uPlot nor the reports; a screen's chunk is fetched on first visit, or on hover of a link
 * to it (`defaultPreload: 'intent'`). The search validators stay here, small and eager, so URLs are checked at once.
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

/** Getting started: a new organisation (also from the user menu), its first steps, and an invitation's landing. */
const newOrganisationRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'organisations/new',
  component: () => <CreateOrganisation />,
});
const welcomeRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'welcome',
  component: lazyRouteComponent(() => import('../features/onboarding/WelcomePage.tsx'), 'WelcomePage'),
});
const JoinPage = lazyRouteComponent(() => import('../features/onboarding/JoinPage.tsx'), 'JoinPage');
const joinRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'join',
  validateSearch: (search: Record<string, unknown>): { org?: string } =>
    typeof search['org'] === 'string' ? { org: search['org'] } : {},
  component: function Join() {
    const { org } = joinRoute.useSearch();
    return <JoinPage org={org} />;
  },
});

const projectRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'projects/$projectId',
  validateSearch: validateRunsSearch,
  component: lazyRouteComponent(() => import('../features/runs/RunsWorkspace.tsx'), 'RunsWorkspace'),
});

const runRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'runs/$runId',
  validateSearch: validateRunSearch,
  component: lazyRouteComponent(() => import('../features/run/RunPage.tsx'), 'RunPage'),
});

const MemberReportScreen = lazyRouteComponent(() => import('../features/reports/MemberReportScreen.tsx'), 'MemberReportScreen');
const SharedReportScreen = lazyRouteComponent(() => import('../features/reports/SharedReportScreen.tsx'), 'SharedReportScreen');

const reportRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'reports/$reportId',
  validateSearch: validateReportSearch,
  component: function Report() {
    const { reportId } = reportRoute.useParams();
    const { panel } = reportRoute.useSearch();
    const navigate = reportRoute.useNavigate();
    return (
      <div className="page">
        <MemberReportScreen
          key={reportId}
          reportId={reportId}
          panel={panel}
          onPanel={(next) => void navigate({ search: next ? { panel: next } : {}, replace: true })}
        />
      </div>
    );
  },
});

const ReportsIndex = lazyRouteComponent(() => import('../features/reports/ReportsIndex.tsx'), 'ReportsIndex');

const reportsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'reports',
  validateSearch: validateReportsIndexSearch,
  component: function Reports() {
    const search = reportsRoute.useSearch();
    const navigate = reportsRoute.useNavigate();
    return (
      <div className="page">
        <ReportsIndex projectId={search.project} runIds={runIdsOf(search)} onProject={(id) => void navigate({ search: { project: id } })} />
      </div>
    );
  },
});

/** Usage, budgets and billing (admins and owners; others see who may). */
const usageRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'usage',
  validateSearch: validateUsageSearch,
  component: lazyRouteComponent(() => import('../features/usage/UsagePage.tsx'), 'UsagePage'),
});

const budgetsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'budgets',
  validateSearch: validateBudgetsSearch,
  component: lazyRouteComponent(() => import('../features/usage/BudgetsPage.tsx'), 'BudgetsPage'),
});

const billingRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'billing',
  validateSearch: validateBillingSearch,
  component: lazyRouteComponent(() => import('../features/billing/BillingPage.tsx'), 'BillingPage'),
});

const invoiceRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'billing/invoices/$invoiceId',
  validateSearch: validateBillingSearch,
  component: lazyRouteComponent(() => import('../features/billing/InvoicePage.tsx'), 'InvoicePage'),
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

/** Organisation settings: one URL per sub-page; `/admin` opens the members. */
const adminRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: 'admin',
  component: lazyRouteComponent(() => import('../features/admin/AdminLayout.tsx'), 'AdminLayout'),
});
const adminPage = (path: 'members' | 'api-keys' | 'service-accounts' | 'identity-providers', component: RouteComponent) =>
  createRoute({ getParentRoute: () => adminRoute, path, component });
const adminRoutes = [
  createRoute({ getParentRoute: () => adminRoute, path: '/', beforeLoad: () => { throw redirect({ to: '/admin/members' }); } }),
  adminPage('members', lazyRouteComponent(() => import('../features/admin/MembersPage.tsx'), 'MembersPage')),
  adminPage('api-keys', lazyRouteComponent(() => import('../features/admin/ApiKeysPage.tsx'), 'ApiKeysPage')),
  adminPage('service-accounts', lazyRouteComponent(() => import('../features/admin/ServiceAccountsPage.tsx'), 'ServiceAccountsPage')),
  adminPage('identity-providers', lazyRouteComponent(() => import('../features/admin/IdentityProvidersPage.tsx'), 'IdentityProvidersPage')),
  createRoute({
    getParentRoute: () => adminRoute,
    path: 'audit-log',
    validateSearch: validateAuditSearch,
    component: lazyRouteComponent(() => import('../features/admin/AuditLogPage.tsx'), 'AuditLogPage'),
  }),
];

/** A project's artifacts, an artifact's page (versions, aliases, files, lineage), the organisation's model registry. */
const artifactRoutes = [
  createRoute({
    getParentRoute: () => shellRoute,
    path: 'projects/$projectId/artifacts',
    validateSearch: validateArtifactsSearch,
    component: lazyRouteComponent(() => import('../features/artifacts/ArtifactsPage.tsx'), 'ArtifactsPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: 'artifacts/$artifactId',
    validateSearch: validateArtifactSearch,
    component: lazyRouteComponent(() => import('../features/artifacts/ArtifactPage.tsx'), 'ArtifactPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: 'models',
    validateSearch: validateModelsSearch,
    component: lazyRouteComponent(() => import('../features/models/ModelsPage.tsx'), 'ModelsPage'),
  }),
  createRoute({
    getParentRoute: () => shellRoute,
    path: 'models/$modelName',
    validateSearch: validateModelSearch,
    component: lazyRouteComponent(() => import('../features/models/ModelPage.tsx'), 'ModelPage'),
  }),
];

const routeTree = rootRoute.addChildren([
  shellRoute.addChildren([
    startRoute,
    newOrganisationRoute,
    welcomeRoute,
    joinRoute,
    projectRoute,
    runRoute,
    reportRoute,
    adminRoute.addChildren(adminRoutes),
    usageRoute,
    budgetsRoute,
    billingRoute,
    invoiceRoute,
    ...artifactRoutes,
    reportsRoute,
  ]),
  sharedRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
    // While a screen's chunk loads (first visit only): a quiet placeholder, no spinner.
    defaultPendingComponent: () => (
      <div className="page" aria-busy="true">
        <Skeleton width={320} height={24} />
      </div>
    ),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
