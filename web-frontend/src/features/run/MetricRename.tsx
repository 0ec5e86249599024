import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { api, data } from '../../lib/api/typed.ts';

/**
 * Renaming a metric after the fact (the alias API): raw points stay as logged, and every read (charts, tables,
 * search) shows the new key. For this run only, or for every run of the project. A renamed key says what it was
 * logged as and can be renamed back.
 */
export function MetricRename({
  projectId,
  runId,
  metricKey,
  loggedAs,
}: {
  projectId: string;
  runId: string;
  metricKey: string;
  loggedAs: string | undefined;
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [everywhere, setEverywhere] = useState(false);
  const refresh = () =>
    Promise.all(
      [['run', runId], ['runs'], ['series'], ['runKeys', projectId], ['aliases', projectId]].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );
  const aliases = useQuery({
    queryKey: ['aliases', projectId],
    enabled: loggedAs !== undefined,
    queryFn: async ({ signal }) =>
      // The list is paged; a project's aliases fit in one page of the maximum size (a rename widget needs no more).
      data(await api.GET('/api/v1/projects/{projectId}/metric-aliases', { params: { path: { projectId }, query: { limit: 1000 } }, signal })),
  });
  const rename = useMutation({
    mutationFn: async (aliasKey: string) =>
      data(
        await api.POST('/api/v1/projects/{projectId}/metric-aliases', {
          params: { path: { projectId } },
          body: { sourceKey: loggedAs ?? metricKey, aliasKey, ...(everywhere ? {} : { runIds: [runId] }) },
        }),
      ),
    onSuccess: async () => {
      setDraft(undefined);
      await refresh();
    },
  });
  const undo = useMutation({
    mutationFn: async (aliasId: string) =>
      api.DELETE('/api/v1/projects/{projectId}/metric-aliases/{aliasId}', { params: { path: { projectId, aliasId } } }),
    onSuccess: refresh,
  });
  const alias = aliases.data?.items?.find(
    (a) => a.aliasKey === metricKey && a.sourceKey === loggedAs && ((a.runIds?.length ?? 0) === 0 || a.runIds?.includes(runId)),
  );

  if (draft !== undefined) {
    return (
      <form
        className="rename-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim() && draft.trim() !== metricKey) rename.mutate(draft.trim());
        }}
      >
        <input aria-label={`New name for ${metricKey}`} className="mono" value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} />
        <label>
          <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} /> every run
        </label>
        <button type="submit" className="button primary" disabled={rename.isPending}>
          Rename
        </button>
        <button type="button" className="button" onClick={() => setDraft(undefined)}>
          Cancel
        </button>
        {rename.isError ? <Problem error={rename.error} what="Rename" /> : null}
      </form>
    );
  }
  return (
    <span className="rename">
      {loggedAs ? (
        <span className="muted" title={`Logged as ${loggedAs}`}>
          {' · '}logged as <span className="mono">{loggedAs}</span>
          {alias ? (
            <button type="button" className="link-button" onClick={() => undo.mutate(alias.id!)}>
              undo rename
            </button>
          ) : null}
        </span>
      ) : null}
      <button type="button" className="link-button" aria-label={`Rename ${metricKey}`} onClick={() => setDraft(metricKey)}>
        rename
      </button>
      {undo.isError ? <Problem error={undo.error} what="Undo rename" /> : null}
    </span>
  );
}
