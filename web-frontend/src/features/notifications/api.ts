import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';

/** Unread notifications are checked once a minute while the page is open (and on focus), no more. */
export const POLL_MS = 60_000;

const KEY = ['notifications'];

/** The newest notifications (one page); only asked when the caller may read them (`enabled`). */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: KEY,
    enabled,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    // A 401 (signed out meanwhile) or 403 (role changed) is an answer: stop asking instead of retrying.
    retry: false,
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/notifications', { params: { query: { limit: 20 } }, signal })).items ?? [],
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const notificationId of ids) {
        await api.POST('/api/v1/notifications/{notificationId}/read', { params: { path: { notificationId } } });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
