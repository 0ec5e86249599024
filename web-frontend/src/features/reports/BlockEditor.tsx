import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { BlockView, type PanelDataState } from './Blocks.tsx';
import { blockLabel, parseList } from './editing.ts';
import type { ProjectRuns } from './projectRuns.ts';
import type {
  Aggregate,
  ArtifactReferenceBlock,
  Block,
  LineChartBlock,
  PanelData,
  RunSet,
  RunsTableBlock,
  ScalarComparisonBlock,
  XAxis,
} from './types.ts';

/**
 * One block in the editor: a toolbar (what it is, move up, move down, delete, edit), its settings when open, and
 * what it shows (the same view readers get, with the data of the last save).
 */
export function BlockEditor({
  block,
  index,
  count,
  data,
  panels,
  problem,
  runs,
  initiallyOpen,
  onChange,
  onMove,
  onDelete,
}: {
  block: Block;
  index: number;
  count: number;
  data: PanelData | undefined;
  panels: PanelDataState;
  problem: string | undefined;
  runs: ProjectRuns | undefined;
  initiallyOpen: boolean;
  onChange: (block: Block) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const settingsId = useId();
  // A block moved to the top (bottom) disables the button that moved it, which drops the keyboard focus: hand it to
  // the other arrow, so ↑/↓ can be pressed again at once.
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const moved = useRef<-1 | 1 | undefined>(undefined);
  useEffect(() => {
    if (moved.current === -1 && index === 0) down.current?.focus();
    if (moved.current === 1 && index === count - 1) up.current?.focus();
    moved.current = undefined;
  }, [index, count]);
  const move = (delta: -1 | 1) => {
    moved.current = delta;
    onMove(delta);
  };
  const label = blockLabel(block);
  return (
    <section className={`block block-${block.type} editing${problem ? ' has-problem' : ''}`} data-block-id={block.id} aria-label={label}>
      <div className="block-toolbar" role="toolbar" aria-label={`${label}: actions`}>
        <span className="block-kind">{label}</span>
        <button type="button" className="button small" aria-expanded={open} aria-controls={settingsId} onClick={() => setOpen(!open)}>
          {open ? 'Done' : 'Edit'}
        </button>
        <button ref={up} type="button" className="button small" aria-label={`Move up: ${label}`} disabled={index === 0} onClick={() => move(-1)}>
          ↑
        </button>
        <button ref={down} type="button" className="button small" aria-label={`Move down: ${label}`} disabled={index === count - 1} onClick={() => move(1)}>
          ↓
        </button>
        <button type="button" className="button small danger" aria-label={`Delete: ${label}`} onClick={onDelete}>
          Delete
        </button>
      </div>
      {problem ? (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      ) : null}
      {open ? (
        <div id={settingsId} className="block-settings">
          <Settings block={block} runs={runs} onChange={onChange} />
        </div>
      ) : null}
      {block.type === 'markdown' && open ? null : (
        <div className="block-preview">
          <BlockView block={block} data={data} panels={panels} shareToken={undefined} />
        </div>
      )}
    </section>
  );
}

function Settings({ block, runs, onChange }: { block: Block; runs: ProjectRuns | undefined; onChange: (block: Block) => void }) {
  switch (block.type) {
    case 'markdown':
      return (
        <Field label="Text (markdown; HTML is shown as text)">
          <textarea value={block.text} rows={Math.min(16, Math.max(4, block.text.split('\n').length + 1))}
            onChange={(e) => onChange({ ...block, text: e.target.value })} />
        </Field>
      );
    case 'lineChart':
      return <LineChartSettings block={block} runs={runs} onChange={onChange} />;
    case 'runsTable':
      return <RunsTableSettings block={block} runs={runs} onChange={onChange} />;
    case 'scalarComparison':
      return <ComparisonSettings block={block} runs={runs} onChange={onChange} />;
    case 'artifactReference':
      return <ArtifactSettings block={block} onChange={onChange} />;
  }
}

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  );
}

/** A comma-separated list field that keeps what is typed (trailing comma, spaces) and reports the parsed list. */
function ListField({ label, value, onChange, suggestions, hint }: {
  label: string;
  value: string[];
  onChange: (list: string[]) => void;
  suggestions?: string[] | undefined;
  hint?: string;
}) {
  const [text, setText] = useState(value.join(', '));
  const listId = useId();
  // A change from outside (a conflict copy, a restore) replaces what is typed.
  const [seen, setSeen] = useState(value);
  if (seen !== value && parseList(text).join('\u0000') !== value.join('\u0000')) {
    setSeen(value);
    setText(value.join(', '));
  }
  return (
    <Field label={label} {...(hint ? { hint } : {})}>
      <input
        type="text"
        value={text}
        list={suggestions ? listId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const list = parseList(e.target.value);
          setSeen(list);
          onChange(list);
        }}
      />
      {suggestions ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </Field>
  );
}

function TitleField({ value, onChange, placeholder }: { value: string; onChange: (title: string) => void; placeholder: string }) {
  return (
    <Field label="Title">
      <input type="text" value={value} placeholder={placeholder} maxLength={300} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

function LineChartSettings({ block, runs, onChange }: { block: LineChartBlock; runs: ProjectRuns | undefined; onChange: (b: Block) => void }) {
  const axis = block.xAxis.startsWith('metric:') ? 'metric' : block.xAxis;
  return (
    <div className="settings-grid">
      <TitleField value={block.title} placeholder={block.metrics.join(', ') || 'e.g. Validation loss'} onChange={(title) => onChange({ ...block, title })} />
      <ListField label="Metrics (comma-separated)" value={block.metrics} suggestions={runs?.metrics}
        onChange={(metrics) => onChange({ ...block, metrics })} />
      <Field label="X axis">
        <select value={axis} onChange={(e) => {
          const v = e.target.value;
          onChange({ ...block, xAxis: (v === 'metric' ? `metric:${runs?.metrics[0] ?? 'step'}` : v) as XAxis });
        }}>
          <option value="step">step</option>
          <option value="timestamp">wall time</option>
          <option value="relative">time since run start</option>
          <option value="metric">another metric</option>
        </select>
      </Field>
      {axis === 'metric' ? (
        <Field label="X axis metric">
          <input type="text" value={block.xAxis.slice('metric:'.length)} list={undefined}
            onChange={(e) => onChange({ ...block, xAxis: `metric:${e.target.value}` })} />
        </Field>
      ) : null}
      <Field label="Smoothing (EMA weight, 0 = off)">
        <input type="number" min={0} max={0.99} step={0.05} value={block.smoothing ?? 0}
          onChange={(e) => {
            const value = Number(e.target.value);
            const { smoothing: _old, ...rest } = block;
            onChange(value > 0 ? { ...rest, smoothing: value } : rest);
          }} />
      </Field>
      <RunSetField runSet={block.runSet} runs={runs} onChange={(runSet) => onChange({ ...block, runSet })} />
    </div>
  );
}

function RunsTableSettings({ block, runs, onChange }: { block: RunsTableBlock; runs: ProjectRuns | undefined; onChange: (b: Block) => void }) {
  const suggestions = [
    'name', 'state', 'group', 'created_by', 'started_at', 'ended_at',
    ...(runs?.params ?? []).map((p) => `params.${p}`),
    ...(runs?.metrics ?? []).map((m) => `metrics.${m}`),
  ];
  return (
    <div className="settings-grid">
      <TitleField value={block.title} placeholder="Runs" onChange={(title) => onChange({ ...block, title })} />
      <ListField label="Columns (comma-separated)" value={block.columns} suggestions={suggestions}
        hint="name, state, started_at, params.<key>, metrics.<key>, min(metrics.<key>) …"
        onChange={(columns) => onChange({ ...block, columns })} />
      <RunSetField runSet={block.runSet} runs={runs} onChange={(runSet) => onChange({ ...block, runSet })} />
    </div>
  );
}

function ComparisonSettings({ block, runs, onChange }: { block: ScalarComparisonBlock; runs: ProjectRuns | undefined; onChange: (b: Block) => void }) {
  return (
    <div className="settings-grid">
      <TitleField value={block.title} placeholder={block.metrics.join(', ') || 'e.g. Best accuracy'} onChange={(title) => onChange({ ...block, title })} />
      <ListField label="Metrics (comma-separated)" value={block.metrics} suggestions={runs?.metrics}
        onChange={(metrics) => onChange({ ...block, metrics })} />
      <Field label="Value per run">
        <select value={block.aggregate} onChange={(e) => onChange({ ...block, aggregate: e.target.value as Aggregate })}>
          <option value="last">last</option>
          <option value="min">min</option>
          <option value="max">max</option>
        </select>
      </Field>
      <RunSetField runSet={block.runSet} runs={runs} onChange={(runSet) => onChange({ ...block, runSet })} />
    </div>
  );
}

function ArtifactSettings({ block, onChange }: { block: ArtifactReferenceBlock; onChange: (b: Block) => void }) {
  const byVersion = block.version !== undefined;
  const { version: _v, alias: _a, ...rest } = block;
  return (
    <div className="settings-grid">
      <Field label="Artifact name">
        <input type="text" value={block.artifactName} onChange={(e) => onChange({ ...block, artifactName: e.target.value })} />
      </Field>
      <Field label="Refer to">
        <select value={byVersion ? 'version' : 'alias'}
          onChange={(e) => onChange(e.target.value === 'version' ? { ...rest, version: '1' } : { ...rest, alias: 'latest' })}>
          <option value="alias">an alias (follows it)</option>
          <option value="version">a fixed version</option>
        </select>
      </Field>
      <Field label={byVersion ? 'Version' : 'Alias'}>
        <input type="text" value={(byVersion ? block.version : block.alias) ?? ''}
          onChange={(e) => onChange(byVersion ? { ...rest, version: e.target.value } : { ...rest, alias: e.target.value })} />
      </Field>
    </div>
  );
}

/** A panel's runs: a saved search (evaluated at every render) or runs picked from the project's latest. */
function RunSetField({ runSet, runs, onChange }: { runSet: RunSet; runs: ProjectRuns | undefined; onChange: (r: RunSet) => void }) {
  const picked = 'runIds' in runSet;
  const name = useId();
  const [pickFilter, setPickFilter] = useState('');
  return (
    <fieldset className="run-set">
      <legend>Runs</legend>
      <div className="radio-row">
        <label>
          <input type="radio" name={name} checked={!picked} onChange={() => onChange({ limit: 100 })} /> A search
        </label>
        <label>
          <input type="radio" name={name} checked={picked}
            onChange={() => onChange({ runIds: (runs?.runs ?? []).slice(0, 10).map((r) => r.id) })} /> Picked runs
        </label>
      </div>
      {'runIds' in runSet ? (
        <>
          <input type="search" aria-label="Find runs to pick" placeholder="Find runs by name" value={pickFilter}
            onChange={(e) => setPickFilter(e.target.value)} />
          <ul className="run-pick" aria-label="Runs to pick">
            {(runs?.runs ?? [])
              .filter((r) => r.name.toLowerCase().includes(pickFilter.toLowerCase()))
              .map((run) => (
                <li key={run.id}>
                  <label>
                    <input type="checkbox" checked={runSet.runIds.includes(run.id)}
                      onChange={(e) =>
                        onChange({ runIds: e.target.checked ? [...runSet.runIds, run.id] : runSet.runIds.filter((id) => id !== run.id) })} />
                    {run.name}
                  </label>
                </li>
              ))}
          </ul>
          <span className="field-hint">{runSet.runIds.length} picked</span>
        </>
      ) : (
        <div className="settings-grid">
          <Field label="Filter (the runs search language; empty: all runs)">
            <input type="text" className="mono" value={runSet.filter ?? ''} placeholder="params.optimizer = 'adam'"
              onChange={(e) => {
                const { filter: _old, ...rest } = runSet;
                onChange(e.target.value === '' ? rest : { ...rest, filter: e.target.value });
              }} />
          </Field>
          <Field label="At most">
            <input type="number" min={1} max={200} value={runSet.limit}
              onChange={(e) => onChange({ ...runSet, limit: Number(e.target.value) })} />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
