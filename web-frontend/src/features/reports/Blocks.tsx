import { memo, useMemo } from 'react';
import { ArtifactReference } from './ArtifactCard.tsx';
import { formatInstant, formatValue } from './format.ts';
import { LineChartPanel } from './LineChartPanel.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { useReportDrawnMark } from '../../lib/perf.ts';
import type { LoadFailure } from './api.ts';
import type { Load } from './load.ts';
import type {
  CellValue,
  Block,
  ComparisonData,
  PanelData,
  RenderedReport,
  RunsTableBlock,
  ScalarComparisonBlock,
  TableData,
} from './types.ts';

/** Where the panels' data stands: blocks render at once, panels fill in when /data answers. */
export type PanelDataState = { kind: 'loading' } | { kind: 'loaded'; data: RenderedReport } | { kind: 'failed'; message: string };

/**
 * The panels' data by block id, and the report:drawn mark once they are all drawn: call from the component that
 * renders the panels (its effects run after its charts').
 */
export function usePanelsByBlock(panels: PanelDataState): Map<string, PanelData> {
  const byBlock = useMemo(() => {
    const map = new Map<string, PanelData>();
    if (panels.kind === 'loaded') for (const panel of panels.data.panels) map.set(panel.blockId, panel);
    return map;
  }, [panels]);
  const drawn = useMemo(() => {
    if (panels.kind !== 'loaded') return undefined;
    const charts = panels.data.panels.filter((panel) => panel.type === 'lineChart');
    const series = charts.reduce((sum, panel) => sum + (panel.type === 'lineChart' ? panel.series.length : 0), 0);
    return { panels: panels.data.panels.length, charts: charts.length, series };
  }, [panels]);
  useReportDrawnMark(drawn);
  return byBlock;
}

/** Where the panels' data stands, from the /data request's state. */
export function usePanelState(data: Load<RenderedReport>, failureMessage: (failure: LoadFailure) => string): PanelDataState {
  return useMemo<PanelDataState>(
    () =>
      data.kind === 'loaded'
        ? { kind: 'loaded', data: data.value }
        : data.kind === 'failed'
          ? { kind: 'failed', message: failureMessage(data.failure) }
          : { kind: 'loading' },
    // The message function is a pure formatter: only the data decides.
    [data],
  );
}

/**
 * A report's blocks in order. Memoised on its inputs, so a state change elsewhere on the page (a comment being
 * typed) re-renders none of the blocks. `shareToken` is set on a share-link page: artifact files then download
 * through the link instead of the member's session.
 */
export const ReportBlocks = memo(function ReportBlocks({
  blocks,
  panels,
  shareToken,
}: {
  blocks: Block[];
  panels: PanelDataState;
  shareToken?: string | undefined;
}) {
  const byBlock = usePanelsByBlock(panels);

  return (
    <div className="report-blocks">
      {blocks.map((block) => (
        <section key={block.id} className={`block block-${block.type}`} data-block-id={block.id}>
          <BlockView block={block} data={byBlock.get(block.id)} panels={panels} shareToken={shareToken} />
        </section>
      ))}
    </div>
  );
});

export function BlockView({
  block,
  data,
  panels,
  shareToken,
}: {
  block: Block;
  data: PanelData | undefined;
  panels: PanelDataState;
  shareToken: string | undefined;
}) {
  switch (block.type) {
    case 'markdown':
      return <Markdown text={block.text} />;
    case 'artifactReference':
      return (
        <ArtifactReference
          block={block}
          data={data?.type === 'artifactReference' ? data : undefined}
          shareToken={shareToken}
        />
      );
    case 'lineChart':
      return data?.type === 'lineChart' ? (
        <LineChartPanel block={block} data={data} />
      ) : (
        <PanelPlaceholder title={block.title || block.metrics.join(', ')} panels={panels} />
      );
    case 'runsTable':
      return data?.type === 'runsTable' ? (
        <RunsTable block={block} data={data} />
      ) : (
        <PanelPlaceholder title={block.title || 'Runs'} panels={panels} />
      );
    case 'scalarComparison':
      return data?.type === 'scalarComparison' ? (
        <ScalarComparison block={block} data={data} />
      ) : (
        <PanelPlaceholder title={block.title || block.metrics.join(', ')} panels={panels} />
      );
    default:
      // A block type newer than this UI: say so rather than fail the whole report.
      return <p className="empty">This block ({(block as { type: string }).type}) cannot be shown here yet.</p>;
  }
}

function PanelPlaceholder({ title, panels }: { title: string; panels: PanelDataState }) {
  const message =
    panels.kind === 'loading'
      ? 'Loading data…'
      : panels.kind === 'failed'
        ? `The data could not be loaded: ${panels.message}`
        : 'No data for this panel.';
  return (
    <div className="panel panel-placeholder">
      <h3>{title}</h3>
      <p role={panels.kind === 'failed' ? 'alert' : 'status'}>{message}</p>
    </div>
  );
}

export function RunsTable({ block, data }: { block: RunsTableBlock; data: TableData }) {
  const columns = data.columns.filter((column) => column !== 'name');
  return (
    <div className="panel table-panel">
      <h3>{block.title || 'Runs'}</h3>
      {data.rows.length === 0 ? (
        <p className="empty">No runs match this panel.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">run</th>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.runId}>
                  <th scope="row">{formatValue(row.cells['name'] ?? row.runId)}</th>
                  {columns.map((column) => (
                    <td key={column} className={isMetricColumn(column) ? 'number' : undefined}>
                      {formatCell(column, row.cells[column])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** metrics.<key>, min(metrics.<key>), max(metrics.<key>): summaries, numbers (NaN and infinities as strings). */
function isMetricColumn(column: string): boolean {
  return /^(?:metrics\.|(?:min|max)\(metrics\.)/.test(column);
}

/** Params, tags and config are text as logged (a param "NaN" stays "NaN"); run times are shown in UTC. */
function formatCell(column: string, value: CellValue | undefined): string {
  if (value === undefined) return '—';
  if (isMetricColumn(column)) return formatValue(value);
  if ((column === 'started_at' || column === 'ended_at') && typeof value === 'string') return formatInstant(value);
  return String(value);
}

export function ScalarComparison({ block, data }: { block: ScalarComparisonBlock; data: ComparisonData }) {
  return (
    <div className="panel comparison-panel">
      <h3>{block.title || data.metrics.join(', ')}</h3>
      <p className="panel-meta">{data.aggregate} value per run</p>
      {data.rows.length === 0 ? (
        <p className="empty">No runs match this panel.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">run</th>
                {data.metrics.map((metric) => (
                  <th key={metric} scope="col">
                    {metric}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.runId}>
                  <th scope="row">{row.name}</th>
                  {data.metrics.map((metric) => (
                    <td key={metric} className="number">
                      {formatValue(row.values[metric])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
