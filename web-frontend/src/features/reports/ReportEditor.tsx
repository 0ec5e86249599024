import { useCallback, useState, type ReactNode } from 'react';
import { Toast, type ToastMessage } from '../../components/Toast.tsx';
import { BlockEditor } from './BlockEditor.tsx';
import { usePanelState, usePanelsByBlock } from './Blocks.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { addBlock, BLOCK_TYPES, blockLabel, moveBlock, newBlock, removeBlock, replaceBlock, type BlockType, type Problems } from './editing.ts';
import { formatInstant } from './format.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { useProjectRuns } from './projectRuns.ts';
import { SharePanel } from './SharePanel.tsx';
import { failureText } from './ReportPage.tsx';
import type { RenderedReport, ReportView } from './types.ts';
import { useReportEditor, type SaveState } from './useReportEditor.ts';
import type { Load } from './load.ts';

export type SidePanel = 'history' | 'share' | undefined;

/**
 * /reports/{id} for members: the report as readers see it, every part editable in place. Changes autosave; blocks
 * are added at the end, moved with their ↑/↓ buttons (keyboard: Tab to them, Enter), deleted; the history and share
 * panels open beside the blocks (`panel` in the URL).
 */
export function ReportEditor({
  report,
  data,
  person,
  panel,
  onPanel,
  children,
}: {
  report: ReportView;
  data: Load<RenderedReport>;
  person: (actor: string | undefined) => string;
  panel: SidePanel;
  onPanel: (panel: SidePanel) => void;
  children?: ReactNode;
}) {
  const editor = useReportEditor(report);
  const { draft, base, state, edit } = editor;
  const runs = useProjectRuns(report.projectId).data;
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const problems: Problems | undefined = state.kind === 'invalid' || state.kind === 'failed' ? state.problems : undefined;

  const panels = usePanelState(data, (failure) => failureText(failure, 'data'));
  const byBlock = usePanelsByBlock(panels);

  const [toast, setToast] = useState<ToastMessage | undefined>(undefined);
  const closeToast = useCallback(() => setToast(undefined), []);

  /** Deleting asks nothing (UI.md): the block goes at once, and the toast's Undo puts it back where it was. */
  function remove(index: number) {
    const block = draft.blocks[index];
    if (!block) return;
    edit((d) => removeBlock(d, block.id));
    setToast({
      text: `Deleted ${blockLabel(block)}`,
      action: { label: 'Undo', run: () => edit((d) => (d.blocks.some((b) => b.id === block.id) ? d : addBlock(d, block, index))) },
    });
  }

  function add(type: BlockType) {
    const block = newBlock(type, { limit: 20 });
    setFresh((ids) => new Set([...ids, block.id]));
    edit((d) => addBlock(d, block));
  }

  return (
    <article className="report report-editor">
      <header className="report-header">
        <label className="visually-hidden" htmlFor="report-title">
          Report title
        </label>
        <input
          id="report-title"
          className="title-input"
          value={draft.title}
          maxLength={300}
          aria-invalid={Boolean(problems?.title)}
          aria-describedby={problems?.title ? 'report-title-problem' : undefined}
          onChange={(e) => edit((d) => ({ ...d, title: e.target.value }))}
        />
        {problems?.title ? (
          <p id="report-title-problem" role="alert" className="field-problem">
            {problems.title}
          </p>
        ) : null}
        <p className="report-meta">
          Version {base.version} · saved by {person(base.updatedBy)} {formatInstant(base.updatedAt)} ·{' '}
          <SaveStatus state={state} />
        </p>
        <label className="visually-hidden" htmlFor="report-description">
          Description
        </label>
        <textarea
          id="report-description"
          className="description-input"
          value={draft.description}
          placeholder="What this report shows, for whoever opens it"
          rows={2}
          onChange={(e) => edit((d) => ({ ...d, description: e.target.value }))}
        />
        <div className="report-tools">
          <button type="button" className="button" aria-pressed={panel === 'history'} onClick={() => onPanel(panel === 'history' ? undefined : 'history')}>
            History
          </button>
          <button type="button" className="button" aria-pressed={panel === 'share'} onClick={() => onPanel(panel === 'share' ? undefined : 'share')}>
            Share
          </button>
        </div>
      </header>
      {state.kind === 'conflict' ? (
        <ConflictPanel
          theirs={state.theirs}
          mine={draft}
          person={person}
          onCopyBlock={editor.copyBlock}
          onCopyField={editor.copyField}
          onKeepMine={editor.keepMine}
          onTakeTheirs={editor.takeTheirs}
        />
      ) : null}
      {problems?.report ? (
        <p role="alert" className="field-problem">
          {problems.report}
        </p>
      ) : null}
      <div className={panel ? 'editor-layout with-side' : 'editor-layout'}>
        <div className="editor-main">
          {draft.blocks.length === 0 ? (
            <div className="empty-state">
              <h3>An empty report</h3>
              <p>
                Add a block below: <strong>Text</strong> for notes in markdown, a <strong>Line chart</strong> of metrics
                over a set of runs (a search, or runs you pick), a <strong>Runs table</strong>, a{' '}
                <strong>Scalar comparison</strong> of one value per run, or an <strong>Artifact</strong> card. Every
                change is saved as you go.
              </p>
            </div>
          ) : null}
          {draft.blocks.map((block, index) => (
            <BlockEditor
              key={block.id}
              block={block}
              index={index}
              count={draft.blocks.length}
              data={byBlock.get(block.id)}
              panels={panels}
              problem={problems?.blocks[block.id]}
              runs={runs}
              initiallyOpen={fresh.has(block.id)}
              onChange={(changed) => edit((d) => replaceBlock(d, changed))}
              onMove={(delta) => edit((d) => moveBlock(d, block.id, delta))}
              onDelete={() => remove(index)}
            />
          ))}
          <div className="add-block" role="group" aria-label="Add a block">
            <span className="muted">Add</span>
            {BLOCK_TYPES.map(({ type, label }) => (
              <button key={type} type="button" className="button small" onClick={() => add(type)}>
                + {label}
              </button>
            ))}
          </div>
        </div>
        {panel === 'history' ? (
          <HistoryPanel
            reportId={report.id}
            current={base.version}
            canRestore={state.kind === 'saved'}
            person={person}
            onRestore={(version) => void editor.restore(version)}
          />
        ) : null}
        {panel === 'share' ? <SharePanel reportId={report.id} /> : null}
      </div>
      {children}
      <Toast message={toast} onClose={closeToast} />
    </article>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saved'
      ? 'All changes saved'
      : state.kind === 'dirty'
        ? 'Unsaved changes…'
        : state.kind === 'saving'
          ? 'Saving…'
          : state.kind === 'invalid'
            ? 'Not saved: fix the marked fields'
            : state.kind === 'failed'
              ? 'Not saved: the server refused the change (see the marked field)'
              : 'Not saved: someone else saved meanwhile';
  return (
    <span role="status" className={`save-status state-${state.kind}`}>
      {text}
    </span>
  );
}
