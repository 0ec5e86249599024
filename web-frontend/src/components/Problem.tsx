import { isApiError } from '../lib/api/client.ts';
import { SIGN_IN_URL } from '../lib/signIn.ts';

/**
 * A failed request in plain words (UI.md "States that teach"): the server's problem+json `detail` when it gave one,
 * what to do next for 401/403/404/429, never a stack trace or raw JSON.
 */
export function describeProblem(error: unknown): { title: string; detail: string } {
  if (isApiError(error)) {
    switch (error.status) {
      case 401:
        return { title: 'You are signed out', detail: 'Sign in to see this page.' };
      case 403:
        return { title: 'Not allowed', detail: error.detail ?? 'Your role in this organisation does not allow this.' };
      case 404:
        return { title: 'Not found', detail: error.detail ?? 'It does not exist, or it is not in your organisation.' };
      case 429:
        return {
          title: 'Too many requests',
          detail:
            (error.detail ?? 'The rate limit or a budget was reached.') +
            (error.retryAfterSeconds !== undefined ? ` Try again in ${error.retryAfterSeconds} s.` : ''),
        };
      default:
        return { title: error.title, detail: error.detail ?? `The server answered ${error.status}.` };
    }
  }
  if (error instanceof TypeError) {
    return { title: 'Cannot reach the server', detail: 'Check your connection; the page retries when you reload.' };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

export function Problem({ error, what }: { error: unknown; what?: string }) {
  const { title, detail } = describeProblem(error);
  const status = isApiError(error) ? error.status : undefined;
  return (
    <div role="alert" className="problem">
      <strong>{what ? `${what}: ${title}` : title}</strong> <span>{detail}</span>{' '}
      {status === 401 ? <a href={SIGN_IN_URL}>Sign in</a> : null}
      {status === 429 ? <a href="/usage">See usage and budgets</a> : null}
    </div>
  );
}
