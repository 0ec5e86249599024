import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { Problem } from '../../components/Problem.tsx';
import { allPages, api, data } from '../../lib/api/typed.ts';
import { usePeople } from '../../lib/people.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import type { RunsSearch } from './search.ts';
import { showsView, viewBody, viewSearch, type SavedView } from './savedViews.ts';

/** The project's saved views: the whole list, since a project has tens of them at most. */
function useSavedViews(projectId: string) {
  return useQuery({
    queryKey: ['savedViews', projectId],
    queryFn: ({ signal }) =>
      allPages(async (cursor) =>
        data(
          await api.GET('/api/v1/projects/{projectId}/views', {
            params: { path: { projectId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        ),
      ),
  });
}

/**
 * "Views": open one of the project's saved views, save the current URL state under a name (members), update the
 * opened view with the current state or delete it (its creator, or an admin: the server says so in `mayChange`).
 */
export function SavedViewsMenu({
  projectId,
  search,
  canSave,
  onOpen,
}: {
  projectId: string;
  search: RunsSearch;
  canSave: boolean;
  onOpen: (search: RunsSearch) => void;
}) {
  const client = useQueryClient();
  const views = useSavedViews(projectId);
  const person = usePeople();
  const [name, setName] = useState('');
  // Opening or saving a view closes the menu: the table behind it is what the person wants to see then.
  const [open, setOpen] = useState(false);
  const show = (next: RunsSearch) => {
    setOpen(false);
    onOpen(next);
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['savedViews', projectId] });
  const create = useMutation({
    mutationFn: async (viewName: string) =>
      data(await api.POST('/api/v1/projects/{projectId}/views', { params: { path: { projectId } }, body: viewBody(viewName, search) })),
    onSuccess: (view) => {
      setName('');
      show(viewSearch(view));
    },
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: async (view: SavedView) =>
      data(await api.PUT('/api/v1/views/{viewId}', { params: { path: { viewId: view.id! } }, body: viewBody(view.name!, search) })),
    onSuccess: () => setOpen(false),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: async (view: SavedView) => api.DELETE('/api/v1/views/{viewId}', { params: { path: { viewId: view.id! } } }),
    onSuccess: (_answer, view) => {
      if (search.sv === view.id) onOpen(patchSearch(search, { sv: undefined }));
    },
    onSettled: refresh,
  });

  const current = views.data?.find((v) => v.id === search.sv);
  const changed = current !== undefined && !showsView(current, search);
  const error = create.error ?? update.error ?? remove.error ?? views.error;

  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="button">
        {current ? `View: ${current.name}${changed ? ' (changed)' : ''}` : 'Views'}
      </Button>
      <Popover placement="bottom end" className="menu-popover picker">
        <Dialog aria-label="Saved views" className="picker-dialog saved-views">
          {error ? <Problem error={error} what="Saved views" /> : null}
          {canSave ? (
            <form
              className="saved-views-save"
              onSubmit={(event) => {
                event.preventDefault();
                if (name.trim()) create.mutate(name.trim());
              }}
            >
              <input
                className="picker-search"
                aria-label="Name of the new view"
                placeholder="Save this view as…"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
              <button type="submit" className="button primary" disabled={!name.trim() || create.isPending}>
                Save
              </button>
            </form>
          ) : null}
          {current && changed && current.mayChange ? (
            <button type="button" className="button" disabled={update.isPending} onClick={() => update.mutate(current)}>
              Update “{current.name}” with this view
            </button>
          ) : null}
          <ul className="picker-list saved-views-list" aria-label="Views of this project">
            {views.isPending ? <li className="muted">Loading…</li> : null}
            {views.data?.length === 0 ? <li className="muted">No saved views yet.</li> : null}
            {views.data?.map((view) => (
              <li key={view.id} className={view.id === search.sv ? 'current' : undefined}>
                <button type="button" className="link-button" onClick={() => show(viewSearch(view))}>
                  {view.name}
                </button>
                <span className="muted">{person(view.createdBy)}</span>
                {view.mayChange ? (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Delete view ${view.name}`}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(view)}
                  >
                    Delete
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
