import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { takeReturnPath } from './signIn.ts';

// Back from the SSO login (which ends on /): return to the report that asked for it.
const returnPath = window.location.pathname === '/' ? takeReturnPath() : undefined;
if (returnPath !== undefined) window.location.replace(returnPath);

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html is missing the #root element');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
