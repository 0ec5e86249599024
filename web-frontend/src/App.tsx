import { HomeScreen } from './home/HomeScreen.tsx';
import { MemberReportScreen } from './reports/MemberReportScreen.tsx';
import { SharedReportScreen } from './reports/SharedReportScreen.tsx';
import { route, type Route } from './routes.ts';

/**
 * Application shell: picks the screen from the path (a full page load per screen; no client-side router yet).
 * Each screen lives in its own folder under src/ (src/home/, src/reports/).
 */
export function App({ pathname = window.location.pathname }: { pathname?: string }) {
  return (
    <div className="app">
      <header>
        <h1>Runledger</h1>
      </header>
      <main>
        <Screen route={route(pathname)} />
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'sharedReport':
      return <SharedReportScreen key={route.token} token={route.token} />;
    case 'report':
      return <MemberReportScreen key={route.reportId} reportId={route.reportId} />;
    case 'notFound':
      return (
        <p role="alert">
          There is no page here. <a href="/">Go to the start page</a>.
        </p>
      );
  }
}
