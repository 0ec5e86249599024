import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';
import { keysOf } from './runColumnsKeys.ts';

export type RunRow = components['schemas']['RunRow'];

export const PAGE_SIZE = 200;

/** Keys for the column picker and autocomplete, from the latest runs (all their fields). */
export function useRunKeys(projectId: string) {
  return useQuery({
    queryKey: ['runKeys', projectId],
    queryFn: async ({ signal }) => {
      const answer = data(
        await api.POST('/api/v1/projects/{projectId}/runs/search', {
          params: { path: { projectId } },
          body: { limit: 200, orderBy: ['started_at DESC'] },
          signal,
        }),
      );
      return keysOf(answer.runs ?? []);
    },
    staleTime: 60_000,
  });
}

export type RunsQuery = { filter: string | undefined; orderBy: string[]; fields: string[]; includeDeleted: boolean };

/**
 * The table's rows: cursor pages of the server's search, fetched as the table scrolls. A changed filter or sort keeps
 * showing the previous rows until the new ones arrive (no flash). The total is a query of its own (useRunCount).
 */
export function useRunPages(projectId: string, query: RunsQuery, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['runs', projectId, query],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      data(
        await api.POST('/api/v1/projects/{projectId}/runs/search', {
          params: { path: { projectId } },
          body: {
            ...(query.filter ? { filter: query.filter } : {}),
            orderBy: query.orderBy,
            columns: query.fields,
            limit: PAGE_SIZE,
            ...(query.includeDeleted ? { includeDeleted: true } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * How many runs the filter matches, asked beside the first page rather than with it: counting 100k runs takes the
 * database several times as long as finding the first page, so the rows paint first and the count follows. Its key
 * has no sort, so a new sort reuses the count; it sits under ['runs', projectId] so whatever refreshes the rows
 * refreshes it too. No placeholder: a previous filter's count must never read as this one's.
 */
export function useRunCount(projectId: string, filter: string | undefined, includeDeleted: boolean, enabled: boolean) {
  return useQuery({
    queryKey: ['runs', projectId, 'count', { filter, includeDeleted }],
    enabled,
    queryFn: async ({ signal }) =>
      data(
        await api.POST('/api/v1/projects/{projectId}/runs/search', {
          params: { path: { projectId } },
          body: {
            ...(filter ? { filter } : {}),
            columns: [],
            limit: 1,
            count: true,
            ...(includeDeleted ? { includeDeleted: true } : {}),
          },
          signal,
        }),
      ).total,
  });
}
