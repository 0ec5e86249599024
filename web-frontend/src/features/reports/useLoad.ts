import { useEffect, useState } from 'react';
import { toLoadFailure, type LoadFailure } from './api.ts';

export type Load<T> = { kind: 'loading' } | { kind: 'loaded'; value: T } | { kind: 'failed'; failure: LoadFailure };

/**
 * Runs one request per (key, attempt) and aborts it when the screen goes away or the key changes. Bumping
 * `attempt` retries. The loader is read from the latest render but only runs when key or attempt change.
 */
export function useLoad<T>(key: string, attempt: number, load: (signal: AbortSignal) => Promise<T>): Load<T> {
  const [state, setState] = useState<Load<T>>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ kind: 'loaded', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', failure: toLoadFailure(error) });
      },
    );
    return () => controller.abort();
    // The loader is a fresh closure every render; key and attempt are what decide a new request.
  }, [key, attempt]);
  return state;
}
