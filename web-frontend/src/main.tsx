import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { startTheme } from './app/theme.ts';
import { takeReturnPath } from './lib/signIn.ts';
import './app/styles.css';

// Back from the SSO login (which ends on /): return to the page that asked for it.
const returnPath = window.location.pathname === '/' ? takeReturnPath() : undefined;
if (returnPath !== undefined) window.history.replaceState(null, '', returnPath);

startTheme();

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html is missing the #root element');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
