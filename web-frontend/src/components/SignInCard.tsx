import { invitedTo, rememberForSignIn, SIGN_IN_URL, SIGN_UP_URL } from '../lib/signIn.ts';

/**
 * Signed out: what Runledger is, sign in (Keycloak, the backend's browser session), or create an account (Keycloak's
 * registration form; the address is verified by e-mail). An invitation link says which organisation is waiting.
 */
export function SignInCard() {
  const invited = invitedTo(window.location);
  const remember = () => {
    const here = window.location.pathname + window.location.search;
    if (here !== '/') rememberForSignIn(here);
  };
  return (
    <section className="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{invited ? `Join ${invited} on Runledger` : 'Sign in to Runledger'}</h1>
      {invited ? (
        <p>
          You were invited to the organisation <b className="mono">{invited}</b>. Sign in, or create an account with the
          e-mail address the invitation was sent to: you join with the role you were given.
        </p>
      ) : (
        <p className="muted">
          Experiment tracking for your team: runs, metrics, comparisons and reports. Sign in with your organisation
          account to see your projects.
        </p>
      )}
      <div className="signin-actions">
        <a className="button primary" href={SIGN_IN_URL} onClick={remember}>
          Sign in
        </a>
        <a className="button" href={SIGN_UP_URL} onClick={remember}>
          Create an account
        </a>
      </div>
      <p className="muted small">
        Pay for the data you log, never for seats: viewers are free and unlimited.
      </p>
    </section>
  );
}
