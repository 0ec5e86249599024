import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { describeProblem, Problem } from '../../components/Problem.tsx';
import type { ToastMessage } from '../../components/Toast.tsx';
import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';

type BulkBody = components['schemas']['BulkBody'];

/**
 * Which runs a bulk action names: the selected ids, or every run the filter finds (never 100k ids) except the ones
 * unticked since (`except`, sent as `exceptIds`).
 */
export type BulkTarget = { ids: string[] } | { filter: string; includeDeleted: boolean; except?: string[] };

export function targetBody(target: BulkTarget): Pick<BulkBody, 'runIds' | 'filter' | 'includeDeleted' | 'exceptIds'> {
  if ('ids' in target) return { runIds: target.ids };
  return {
    filter: target.filter,
    includeDeleted: target.includeDeleted,
    ...(target.except && target.except.length > 0 ? { exceptIds: target.except } : {}),
  };
}

function plural(n: number): string {
  return `${n.toLocaleString('en')} run${n === 1 ? '' : 's'}`;
}

/**
 * The selection's actions (members and above): tag and untag, move to a group or out of it, delete (with Undo: the
 * server stamps the runs one delete took with an operation id, and the undo restores exactly those), restore.
 */
export function BulkActions({
  projectId,
  target,
  count,
  showingDeleted,
  onToast,
  onDeleted,
}: {
  projectId: string;
  target: BulkTarget;
  /** How many runs the selection holds (the server's total for "all matching"). */
  count: number;
  showingDeleted: boolean;
  onToast: (message: ToastMessage) => void;
  onDeleted: () => void;
}) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['runs', projectId] });
    void client.invalidateQueries({ queryKey: ['runKeys', projectId] });
    void client.invalidateQueries({ queryKey: ['runGroups', projectId] });
  };
  const bulk = useMutation({
    mutationFn: async (body: BulkBody) =>
      data(await api.POST('/api/v1/projects/{projectId}/runs/bulk', { params: { path: { projectId } }, body })),
    onSettled: refresh,
  });
  const run = (body: Omit<BulkBody, 'runIds' | 'filter' | 'includeDeleted' | 'exceptIds'>, done: (changed: number, operationId?: string) => void) =>
    bulk.mutate({ ...targetBody(target), ...body } as BulkBody, {
      onSuccess: (answer) => done(answer.changed ?? 0, answer.operationId ?? undefined),
    });

  const remove = () =>
    run({ action: 'delete' }, (changed, operationId) => {
      onDeleted();
      onToast({
        text: `Deleted ${plural(changed)}.`,
        ...(operationId
          ? {
              action: {
                label: 'Undo',
                // Not through `bulk`: the selection (and this component) is gone once the delete cleared it.
                run: () => {
                  api
                    .POST('/api/v1/projects/{projectId}/runs/bulk', {
                      params: { path: { projectId } },
                      body: { action: 'restore', operationId },
                    })
                    .then((answer) => onToast({ text: `Restored ${plural(data(answer).changed ?? 0)}.` }))
                    .catch((error: unknown) => onToast({ text: `Undo failed: ${describeProblem(error).detail}` }))
                    .finally(refresh);
                },
              },
            }
          : {}),
      });
    });

  return (
    <>
      <TagsMenu
        pending={bulk.isPending}
        onAdd={(key, value) => run({ action: 'addTags', tags: { [key]: value } }, (n) => onToast({ text: `Tagged ${plural(n)} ${key}:${value}.` }))}
        onRemove={(key) => run({ action: 'removeTags', tagKeys: [key] }, (n) => onToast({ text: `Removed tag ${key} from ${plural(n)}.` }))}
      />
      <GroupMenu
        pending={bulk.isPending}
        onSet={(group) =>
          run({ action: 'setGroup', group: group ?? '' }, (n) =>
            onToast({ text: group ? `Moved ${plural(n)} to group ${group}.` : `Took ${plural(n)} out of their group.` }),
          )
        }
      />
      <button type="button" className="button" disabled={bulk.isPending} onClick={remove}>
        Delete {count.toLocaleString('en')}
      </button>
      {showingDeleted ? (
        <button
          type="button"
          className="button"
          disabled={bulk.isPending}
          onClick={() => run({ action: 'restore' }, (n) => onToast({ text: `Restored ${plural(n)}.` }))}
        >
          Restore
        </button>
      ) : null}
      {bulk.isError ? <Problem error={bulk.error} what="Bulk action" /> : null}
    </>
  );
}

function TagsMenu({ pending, onAdd, onRemove }: { pending: boolean; onAdd: (key: string, value: string) => void; onRemove: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() === '') return;
    onAdd(key.trim(), value);
    setOpen(false);
  };
  return (
    <MenuDialog label="Tags…" title="Tag the selected runs" pending={pending} open={open} setOpen={setOpen}>
          <form onSubmit={submit} className="bulk-form">
            <label>
              Key
              <input className="picker-search mono" value={key} autoFocus onChange={(e) => setKey(e.target.value)} />
            </label>
            <label>
              Value
              <input className="picker-search mono" value={value} onChange={(e) => setValue(e.target.value)} />
            </label>
            <div className="bulk-form-actions">
              <button type="submit" className="button primary" disabled={key.trim() === ''}>
                Add tag
              </button>
              <button
                type="button"
                className="button"
                disabled={key.trim() === ''}
                onClick={() => {
                  onRemove(key.trim());
                  setOpen(false);
                }}
              >
                Remove tag {key.trim() || '…'}
              </button>
            </div>
          </form>
    </MenuDialog>
  );
}

function GroupMenu({ pending, onSet }: { pending: boolean; onSet: (group: string | undefined) => void }) {
  const [group, setGroup] = useState('');
  const [open, setOpen] = useState(false);
  const choose = (value: string | undefined) => {
    onSet(value);
    setOpen(false);
  };
  return (
    <MenuDialog label="Group…" title="Move the selected runs to a group" pending={pending} open={open} setOpen={setOpen}>
          <form
            className="bulk-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (group.trim() !== '') choose(group.trim());
            }}
          >
            <label>
              Group
              <input className="picker-search mono" value={group} autoFocus onChange={(e) => setGroup(e.target.value)} />
            </label>
            <div className="bulk-form-actions">
              <button type="submit" className="button primary" disabled={group.trim() === ''}>
                Move to group
              </button>
              <button type="button" className="button" onClick={() => choose(undefined)}>
                Clear group
              </button>
            </div>
          </form>
    </MenuDialog>
  );
}

/** A toolbar button opening a small form in a popover. */
function MenuDialog({
  label,
  title,
  pending,
  open,
  setOpen,
  children,
}: {
  label: string;
  title: string;
  pending: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="button" isDisabled={pending}>
        {label}
      </Button>
      <Popover placement="bottom end" className="menu-popover">
        <Dialog aria-label={title} className="bulk-dialog">
          {children}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
