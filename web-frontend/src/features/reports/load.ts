import type { UseQueryResult } from '@tanstack/react-query';
import { toLoadFailure, type LoadFailure } from './api.ts';

export type Load<T> = { kind: 'loading' } | { kind: 'loaded'; value: T } | { kind: 'failed'; failure: LoadFailure };

/** A query's state in the terms the report screens explain to people (see ReportFailure). */
export function loadOf<T>(query: Pick<UseQueryResult<T>, 'status' | 'data' | 'error'>): Load<T> {
  if (query.status === 'success') return { kind: 'loaded', value: query.data as T };
  if (query.status === 'error') return { kind: 'failed', failure: toLoadFailure(query.error) };
  return { kind: 'loading' };
}
