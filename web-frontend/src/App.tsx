import { HomeScreen } from './home/HomeScreen.tsx';

/**
 * Application shell. Routing and the real screens arrive with the UI issue;
 * each screen lives in its own folder under src/ (src/home/, ...).
 */
export function App() {
  return (
    <div className="app">
      <header>
        <h1>Runledger</h1>
      </header>
      <main>
        <HomeScreen />
      </main>
    </div>
  );
}
