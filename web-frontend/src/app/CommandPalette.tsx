import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Dialog, Modal, ModalOverlay } from 'react-aria-components';
import { api, data } from '../lib/api/typed.ts';
import { runColor } from '../lib/colors.ts';
import { useProjects, type Project } from '../lib/projects.ts';

type Item = { id: string; kind: 'project' | 'run'; label: string; detail: string; go: () => void };

const RUNS_PER_PROJECT = 5;
const PROJECTS_SEARCHED = 10;

/** Runs whose name contains the text, in the first projects (the search API is per project). */
function useRunMatches(projects: Project[], text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['palette', q, projects.map((p) => p.id)],
    enabled: q.length >= 2,
    staleTime: 10_000,
    queryFn: async ({ signal }) => {
      const pattern = `%${q.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_').replaceAll("'", "''")}%`;
      const answers = await Promise.all(
        projects.slice(0, PROJECTS_SEARCHED).map(async (project) => {
          const answer = data(
            await api.POST('/api/v1/projects/{projectId}/runs/search', {
              params: { path: { projectId: project.id! } },
              // Names only: a column list naming no real key returns no params, metrics or tags.
              body: { filter: `name ILIKE '${pattern}'`, limit: RUNS_PER_PROJECT, columns: ['tags.none'] },
              signal,
            }),
          );
          return (answer.runs ?? []).map((run) => ({ run, project }));
        }),
      );
      return answers.flat();
    },
  });
}

/**
 * Ctrl/⌘-K: jump to a project or a run by typing part of its name (UI.md "The shell"). Arrow keys move, Enter goes,
 * Escape closes.
 */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="palette-button" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K">
        Jump to… <kbd>Ctrl K</kbd>
      </button>
      <ModalOverlay isOpen={open} onOpenChange={setOpen} isDismissable className="palette-overlay">
        <Modal className="palette-modal">
          <Dialog aria-label="Jump to a project or run" className="palette-dialog">
            <PaletteBody close={() => setOpen(false)} />
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

function PaletteBody({ close }: { close: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const projects = useProjects();
  const runs = useRunMatches(projects.data ?? [], text);
  const items = useMemo((): Item[] => {
    const q = text.trim().toLowerCase();
    const projectItems = (projects.data ?? [])
      .filter((p) => !q || p.name?.toLowerCase().includes(q) || p.slug?.toLowerCase().includes(q))
      .slice(0, 8)
      .map((p) => ({
        id: `p-${p.id}`,
        kind: 'project' as const,
        label: p.name ?? p.slug ?? '',
        detail: 'project',
        go: () => void navigate({ to: '/projects/$projectId', params: { projectId: p.id! } }),
      }));
    const runItems = (runs.data ?? []).map(({ run, project }) => ({
      id: `r-${run.id}`,
      kind: 'run' as const,
      label: run.name ?? run.id!,
      detail: `run in ${project.name}`,
      go: () => void navigate({ to: '/runs/$runId', params: { runId: run.id! } }),
    }));
    return [...projectItems, ...runItems];
  }, [projects.data, runs.data, text, navigate]);
  const current = Math.min(active, Math.max(0, items.length - 1));
  const choose = (item: Item | undefined) => {
    if (!item) return;
    close();
    item.go();
  };
  return (
    <div className="palette">
      <input
        autoFocus
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="palette-list"
        aria-activedescendant={items[current] ? `palette-${items[current]!.id}` : undefined}
        aria-label="Project or run name"
        placeholder="Type a project or run name"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = Math.max(1, items.length);
            setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(items[current]);
          }
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Matches">
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`palette-${item.id}`}
            role="option"
            aria-selected={i === current}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(item);
            }}
          >
            {item.kind === 'run' ? (
              <span className="swatch" style={{ background: runColor(item.id.slice(2)) }} aria-hidden="true" />
            ) : (
              <span aria-hidden="true">#</span>
            )}
            <span className="palette-label">{item.label}</span>
            <span className="muted">{item.detail}</span>
          </li>
        ))}
        {items.length === 0 ? <li className="muted palette-empty">{runs.isFetching ? 'Searching…' : 'Nothing matches.'}</li> : null}
      </ul>
    </div>
  );
}
