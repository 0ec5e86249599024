import { useQuery } from '@tanstack/react-query';
import { allPages, api, data } from './api/typed.ts';
import type { components } from './api/generated/runledger.ts';

export type Project = components['schemas']['ProjectView'];

/** All of the organisation's projects (they are few; the cursor is followed to the end). Shared by the sidebar and the start page. */
export function useProjects(enabled = true) {
  return useQuery({
    queryKey: ['projects'],
    enabled,
    queryFn: ({ signal }) =>
      allPages(async (cursor) =>
        data(await api.GET('/api/v1/projects', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal })),
      ),
  });
}

/** One project; an empty id (the run page before its run has loaded) asks nothing. */
export function useProject(projectId: string) {
  return useQuery({
    queryKey: ['project', projectId],
    enabled: projectId !== '',
    queryFn: async ({ signal }) =>
      data(await api.GET('/api/v1/projects/{projectId}', { params: { path: { projectId } }, signal })),
  });
}
