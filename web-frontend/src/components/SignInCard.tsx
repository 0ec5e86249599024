import { rememberForSignIn, SIGN_IN_URL } from '../lib/signIn.ts';

/** Signed out: what Runledger is and one button to sign in (Keycloak, the backend's browser session). */
export function SignInCard() {
  return (
    <section className="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in to Runledger</h1>
      <p className="muted">
        Experiment tracking for your team: runs, metrics, comparisons and reports. Sign in with your organisation
        account to see your projects.
      </p>
      <a
        className="button primary"
        href={SIGN_IN_URL}
        onClick={() => {
          const here = window.location.pathname + window.location.search;
          if (here !== '/') rememberForSignIn(here);
        }}
      >
        Sign in
      </a>
    </section>
  );
}
