import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mlflow, nameFilter, newestFirst, versionsOf, type ModelVersion, type RegisteredModel } from './mlflow.ts';

/** The organisation's registered models whose name contains the text (MLflow's search, 100 at most, by name). */
export function useModels(q: string | undefined) {
  return useQuery({
    queryKey: ['mlflow', 'models', q ?? ''],
    queryFn: async () => {
      const filter = nameFilter(q ?? '');
      const answer = await mlflow<{ registered_models?: RegisteredModel[]; next_page_token?: string }>('GET', 'registered-models/search', {
        max_results: 100,
        order_by: 'name ASC',
        ...(filter ? { filter } : {}),
      });
      return { models: answer.registered_models ?? [], more: Boolean(answer.next_page_token) };
    },
  });
}

export function useModel(name: string) {
  return useQuery({
    queryKey: ['mlflow', 'model', name],
    queryFn: async () => (await mlflow<{ registered_model: RegisteredModel }>('GET', 'registered-models/get', { name })).registered_model,
  });
}

/** Every version of the model, newest first (a model has tens of versions; MLflow pages at 10k). */
export function useModelVersions(name: string) {
  return useQuery({
    queryKey: ['mlflow', 'versions', name],
    queryFn: async () => {
      const answer = await mlflow<{ model_versions?: ModelVersion[] }>('GET', 'model-versions/search', {
        filter: versionsOf(name),
        max_results: 10000,
      });
      return newestFirst(answer.model_versions ?? []);
    },
  });
}

/** A registry write, then the model and its versions read again (aliases and stages move between versions). */
function useRegistryWrite<I>(write: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: ['mlflow'] }),
  });
}

export const useUpdateDescription = (name: string) =>
  useRegistryWrite((description: string) => mlflow('PATCH', 'registered-models/update', { name, description }));

export const useSetModelTag = (name: string) =>
  useRegistryWrite(({ key, value }: { key: string; value: string }) => mlflow('POST', 'registered-models/set-tag', { name, key, value }));

export const useDeleteModelTag = (name: string) =>
  useRegistryWrite((key: string) => mlflow('DELETE', 'registered-models/delete-tag', { name, key }));

export const useSetVersionTag = (name: string) =>
  useRegistryWrite(({ version, key, value }: { version: string; key: string; value: string }) =>
    mlflow('POST', 'model-versions/set-tag', { name, version, key, value }),
  );

export const useDeleteVersionTag = (name: string) =>
  useRegistryWrite(({ version, key }: { version: string; key: string }) => mlflow('DELETE', 'model-versions/delete-tag', { name, version, key }));

export const useSetModelAlias = (name: string) =>
  useRegistryWrite(({ alias, version }: { alias: string; version: string }) => mlflow('POST', 'registered-models/alias', { name, alias, version }));

export const useDeleteModelAlias = (name: string) =>
  useRegistryWrite((alias: string) => mlflow('DELETE', 'registered-models/alias', { name, alias }));

export const useTransitionStage = (name: string) =>
  useRegistryWrite(({ version, stage, archive }: { version: string; stage: string; archive: boolean }) =>
    mlflow('POST', 'model-versions/transition-stage', { name, version, stage, archive_existing_versions: archive }),
  );

export const useDeleteModelVersion = (name: string) =>
  useRegistryWrite((version: string) => mlflow('DELETE', 'model-versions/delete', { name, version }));
