import { memo, useMemo, useState } from 'react';
import { ChartControls, ChartPanel, useAxisZoom } from '../../components/charts/ChartPanel.tsx';
import { xLabel, type Line } from '../../components/charts/LineChart.tsx';
import { ema } from '../../components/charts/chartMath.ts';
import { Problem } from '../../components/Problem.tsx';
import { runColor } from '../../lib/colors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useChartsDrawnMark } from '../../lib/perf.ts';
import { bucketLine, useSeries, type QuerySeries, type XAxis } from '../../lib/series.ts';
import type { RunRow } from './api.ts';

/** At most this many runs are overlaid; W&B-style "the visible runs" means the first of the table's order. */
export const MAX_CHART_RUNS = 100;
const VISIBLE_RUNS = 10;
const MAX_PANELS = 8;
const BUCKETS = 150;
/** Envelopes are drawn (and fetched) only while they can still be told apart. */
const MAX_ENVELOPE_RUNS = 3;

export type ChartSettings = { x: XAxis; smoothing: number; log: boolean };

/** Which runs the charts draw: the selection when there is one, else the first runs of the table. */
export function chartRuns(rows: RunRow[], selected: ReadonlySet<string>): RunRow[] {
  if (selected.size > 0) return rows.filter((r) => selected.has(r.id!)).slice(0, MAX_CHART_RUNS);
  return rows.slice(0, VISIBLE_RUNS);
}

/** The metrics worth a panel: everything but system metrics (they have their own section on the run page). */
export function chartKeys(metrics: string[]): string[] {
  return metrics.filter((k) => !k.startsWith('system/')).slice(0, MAX_PANELS);
}

/**
 * Charts beside the table (W&B's workspace): a panel per metric for the selected runs, or the first runs of the
 * table; colours match the table's swatches; hovering one panel shows the same step on all; dragging zooms all
 * panels and re-fetches finer buckets for that range; clicking a run in the legend hides or shows it.
 */
export const RunCharts = memo(function RunCharts({
  runs,
  metricKeys,
  settings,
  onSettings,
  selection,
}: {
  runs: RunRow[];
  metricKeys: string[];
  settings: ChartSettings;
  onSettings: (changes: Partial<ChartSettings>) => void;
  selection: boolean;
}) {
  const [range, setRange] = useAxisZoom(settings.x);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const runIds = useMemo(() => runs.map((r) => r.id!), [runs]);
  const keys = useMemo(() => chartKeys(metricKeys), [metricKeys]);
  const series = useSeries(runIds, keys, settings.x, range, BUCKETS, runs.length <= MAX_ENVELOPE_RUNS);
  useChartsDrawnMark(series.isPlaceholderData ? undefined : series.data, range !== undefined);
  // The runs the drawn series belong to: while the next runs' series load (a placeholder), the panels keep what they
  // draw instead of rebuilding every chart with the old data, so a new sort's rows paint first (ui-table-sort-filter).
  const drawnRuns = useMemo(() => runs, [series.data]);
  const byKey = useMemo(() => {
    const map = new Map<string, QuerySeries[]>();
    for (const s of series.data?.series ?? []) map.set(s.key!, [...(map.get(s.key!) ?? []), s]);
    return map;
  }, [series.data]);

  const toggle = (id: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="run-charts" aria-label="Charts">
      <ChartControls settings={settings} onChange={onSettings} zoomed={range !== undefined} onResetZoom={() => setRange(undefined)}>
        <span className="muted">
          {selection ? `${runs.length} selected runs` : `First ${runs.length} runs`} · {xLabel(settings.x)}
        </span>
      </ChartControls>
      {series.isError ? <Problem error={series.error} what="Charts" /> : null}
      <ul className="chart-legend" aria-label="Runs in the charts">
        {runs.map((run) => (
          <li key={run.id}>
            <button
              type="button"
              aria-pressed={!hidden.has(run.id!)}
              className={hidden.has(run.id!) ? 'off' : undefined}
              onClick={() => toggle(run.id!)}
              title={hidden.has(run.id!) ? `Show ${run.name}` : `Hide ${run.name}`}
            >
              <span className="swatch" style={{ background: runColor(run.id!) }} aria-hidden="true" />
              {run.name}
            </button>
          </li>
        ))}
      </ul>
      {keys.length === 0 ? (
        <p className="muted">These runs have logged no metrics yet.</p>
      ) : (
        <div className="chart-grid compact">
          {keys.map((key) => (
            <Panel
              key={key}
              metricKey={key}
              runs={drawnRuns}
              series={byKey.get(key)}
              loading={series.isPending}
              settings={settings}
              range={range}
              hidden={hidden}
              onZoom={setRange}
            />
          ))}
        </div>
      )}
    </section>
  );
});

function Panel({
  metricKey,
  runs,
  series,
  loading,
  settings,
  range,
  hidden,
  onZoom,
}: {
  metricKey: string;
  runs: RunRow[];
  series: QuerySeries[] | undefined;
  loading: boolean;
  settings: ChartSettings;
  range: [number, number] | undefined;
  hidden: ReadonlySet<string>;
  onZoom: (range: [number, number] | undefined) => void;
}) {
  const lines = useMemo((): Line[] => {
    const names = new Map(runs.map((r) => [r.id!, r.name ?? r.id!]));
    return (series ?? []).map((s) => {
      const { x, mean, min, max } = bucketLine(s);
      return {
        id: s.runId!,
        label: names.get(s.runId!) ?? s.runId!,
        color: runColor(s.runId!),
        x,
        y: settings.smoothing > 0 ? ema(mean, settings.smoothing) : mean,
        ...(settings.smoothing > 0 ? { raw: mean } : {}),
        ...(min.length > 0 && max.length > 0 ? { band: { min, max } } : {}),
      };
    });
  }, [series, runs, settings.smoothing]);
  const points = (series ?? []).reduce((sum, s) => sum + (s.pointCount ?? 0), 0);
  return (
    <ChartPanel
      metricKey={metricKey}
      meta={`${settings.smoothing > 0 ? `EMA ${formatNumber(settings.smoothing)} · ` : ''}${points.toLocaleString('en')} pts`}
      loading={loading}
      lines={lines}
      x={settings.x}
      logY={settings.log}
      range={range}
      onZoom={onZoom}
      syncKey="workspace"
      hidden={hidden}
    />
  );
}
