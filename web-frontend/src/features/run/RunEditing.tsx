import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Markdown } from '../../components/Markdown.tsx';
import { Problem } from '../../components/Problem.tsx';
import { api, data } from '../../lib/api/typed.ts';
import type { RunView } from './api.ts';

/** After a change, the run and every list that shows it are re-read. */
function useRefresh(runId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['run', runId] }),
      client.invalidateQueries({ queryKey: ['runs'] }),
    ]);
}

/**
 * The run's tags as chips; members add (key = value) and remove them in place. `hidden` keys are shown elsewhere
 * (the overview's source facts) and not again as chips.
 */
export function Tags({ run, editable, hidden }: { run: RunView; editable: boolean; hidden?: ReadonlySet<string> }) {
  const runId = run.id!;
  const refresh = useRefresh(runId);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const add = useMutation({
    mutationFn: async () => data(await api.PUT('/api/v1/runs/{runId}/tags', { params: { path: { runId } }, body: { [key.trim()]: value } })),
    onSuccess: async () => {
      setKey('');
      setValue('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (tag: string) => api.DELETE('/api/v1/runs/{runId}/tags', { params: { path: { runId }, query: { key: tag } } }),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) add.mutate();
  };
  const tags = Object.entries(run.tags ?? {}).filter(([k]) => !hidden?.has(k));
  return (
    <>
      <div className="tags" aria-label="Tags">
        {tags.length === 0 ? <span className="muted">No tags</span> : null}
        {tags.map(([k, v]) => (
          <span key={k} className="chip">
            {k}: {v}
            {editable ? (
              <button type="button" className="chip-remove" aria-label={`Remove tag ${k}`} onClick={() => remove.mutate(k)}>
                ×
              </button>
            ) : null}
          </span>
        ))}
      </div>
      {editable ? (
        <form className="tag-form" onSubmit={submit}>
          <input aria-label="Tag key" placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} />
          <input aria-label="Tag value" placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="button" disabled={!key.trim() || add.isPending}>
            Add tag
          </button>
        </form>
      ) : null}
      {add.isError ? <Problem error={add.error} what="Tag" /> : null}
      {remove.isError ? <Problem error={remove.error} what="Tag" /> : null}
    </>
  );
}

/** Notes in markdown (rendered without HTML); members edit them in place. */
export function Notes({ run, editable }: { run: RunView; editable: boolean }) {
  const runId = run.id!;
  const refresh = useRefresh(runId);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const save = useMutation({
    mutationFn: async (notes: string) => data(await api.PATCH('/api/v1/runs/{runId}', { params: { path: { runId } }, body: { notes } })),
    onSuccess: async () => {
      setDraft(undefined);
      await refresh();
    },
  });
  if (draft !== undefined) {
    return (
      <form
        className="notes-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <textarea aria-label="Notes (markdown)" rows={6} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            Save notes
          </button>
          <button type="button" className="button" onClick={() => setDraft(undefined)}>
            Cancel
          </button>
        </div>
        {save.isError ? <Problem error={save.error} what="Notes" /> : null}
      </form>
    );
  }
  return (
    <div className="notes">
      {run.notes ? <Markdown text={run.notes} /> : <p className="muted">No notes.</p>}
      {editable ? (
        <button type="button" className="button" onClick={() => setDraft(run.notes ?? '')}>
          Edit notes
        </button>
      ) : null}
    </div>
  );
}
