import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';

export type ArtifactView = components['schemas']['ArtifactView'];
export type VersionView = components['schemas']['VersionView'];

/** Every named artifact of a project with its newest version (a project has tens, not thousands: all pages). */
export function useArtifacts(projectId: string) {
  return useQuery({
    queryKey: ['artifacts', projectId],
    queryFn: ({ signal }) =>
      allPages(async (cursor) =>
        data(
          await api.GET('/api/v1/projects/{projectId}/artifacts', {
            params: { path: { projectId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
}

/** An artifact with its versions (newest first, each with the run that made it); deleted ones too when asked. */
export function useArtifact(artifactId: string, withDeleted: boolean) {
  return useQuery({
    queryKey: ['artifact', artifactId, withDeleted],
    queryFn: async ({ signal }) =>
      data(
        await api.GET('/api/v1/artifacts/{artifactId}', {
          params: { path: { artifactId }, query: { deleted: withDeleted } },
          signal,
        }),
      ),
  });
}

/** One committed version with its files (path, size, SHA-256). */
export function useVersion(artifactId: string, version: number | undefined) {
  return useQuery({
    queryKey: ['artifactVersion', artifactId, version],
    enabled: version !== undefined,
    queryFn: async ({ signal }) =>
      data(
        await api.GET('/api/v1/artifacts/{artifactId}/versions/{version}', {
          params: { path: { artifactId, version: String(version) } },
          signal,
        }),
      ),
  });
}

/** The lineage around one version: the run that made it, the runs that used it, and on (two hops each way). */
export function useVersionLineage(artifactId: string, version: number | undefined) {
  return useQuery({
    queryKey: ['versionLineage', artifactId, version],
    enabled: version !== undefined,
    queryFn: async ({ signal }) =>
      data(
        await api.GET('/api/v1/artifacts/{artifactId}/versions/{version}/lineage', {
          params: { path: { artifactId, version: String(version) }, query: { direction: 'both', depth: 2 } },
          signal,
        }),
      ),
  });
}

/** After any change to an artifact: its page, its versions (aliases move between them) and the project's list. */
function useRefresh(artifactId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['artifact', artifactId] }),
      client.invalidateQueries({ queryKey: ['artifactVersion', artifactId] }),
      client.invalidateQueries({ queryKey: ['artifacts'] }),
    ]);
}

export function useSetAlias(artifactId: string) {
  const refresh = useRefresh(artifactId);
  return useMutation({
    mutationFn: async ({ alias, version }: { alias: string; version: number }) =>
      data(
        await api.PUT('/api/v1/artifacts/{artifactId}/aliases/{alias}', {
          params: { path: { artifactId, alias } },
          body: { version: String(version) },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveAlias(artifactId: string) {
  const refresh = useRefresh(artifactId);
  return useMutation({
    mutationFn: async (alias: string) =>
      api.DELETE('/api/v1/artifacts/{artifactId}/aliases/{alias}', { params: { path: { artifactId, alias } } }),
    onSuccess: refresh,
  });
}

export function useDeleteVersion(artifactId: string) {
  const refresh = useRefresh(artifactId);
  return useMutation({
    mutationFn: async (version: number) =>
      api.DELETE('/api/v1/artifacts/{artifactId}/versions/{version}', {
        params: { path: { artifactId, version: String(version) } },
      }),
    onSuccess: refresh,
  });
}

export function useRestoreVersion(artifactId: string) {
  const refresh = useRefresh(artifactId);
  return useMutation({
    mutationFn: async (version: number) =>
      data(
        await api.POST('/api/v1/artifacts/{artifactId}/versions/{version}/restore', {
          params: { path: { artifactId, version: String(version) } },
        }),
      ),
    onSuccess: refresh,
  });
}
