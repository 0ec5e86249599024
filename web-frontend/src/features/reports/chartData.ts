import type { Line, XKind } from '../../components/charts/LineChart.tsx';
import { runColor } from '../../lib/colors.ts';
import { toNumber, type ChartData, type ChartSeries, type JsonDouble, type LineChartBlock, type XAxis } from './types.ts';

/**
 * Turns a chart panel's answer into the lines the app's one chart component (components/charts/LineChart.tsx) draws:
 * one line per run per metric, each with its own x values (faceted), because the server downsamples every series on
 * its own and their x values differ. Values are used as served (already downsampled and smoothed); NaN and the
 * infinities become gaps. A run has the colour it has everywhere else (lib/colors.ts, by run id); when a panel shows
 * several metrics, each metric gets a dash.
 */
export interface ChartModel {
  xKind: XKind;
  /** BUCKETS answers are drawn through each bucket's mean, at the bucket's middle. */
  bucketMeans: boolean;
  lines: Line[];
  /** The runs in the answer's order, with their colour: the legend. */
  runs: { id: string; name: string; color: string }[];
  metrics: { key: string; dash: number[] | undefined }[];
}

const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]];

export function xKindOf(axis: XAxis | string): XKind {
  if (axis === 'step' || axis === 'timestamp' || axis === 'relative') return axis;
  return 'metric';
}

export function chartModel(block: LineChartBlock, data: ChartData): ChartModel {
  const runs = data.runs.map((run) => ({ id: run.id, name: run.name, color: runColor(run.id) }));
  const byId = new Map(runs.map((run) => [run.id, run]));
  const metricKeys = [...block.metrics];
  for (const series of data.series) if (!metricKeys.includes(series.key)) metricKeys.push(series.key);
  const metrics = metricKeys.map((key, index) => ({ key, dash: DASHES[index % DASHES.length] }));
  const dashOf = new Map(metrics.map((metric) => [metric.key, metric.dash]));
  const several = metricKeys.length > 1;
  const lines: Line[] = [];
  for (const series of data.series) {
    const run = byId.get(series.runId) ?? { id: series.runId, name: series.runId, color: runColor(series.runId) };
    const { x, y } = points(series);
    if (x.length === 0) continue;
    const dash = dashOf.get(series.key);
    lines.push({
      id: `${run.id}\u0000${series.key}`,
      label: several ? `${run.name} · ${series.key}` : run.name,
      color: run.color,
      ...(dash ? { dash } : {}),
      x,
      y,
    });
  }
  return { xKind: xKindOf(data.xAxis), bucketMeans: data.mode === 'BUCKETS', lines, runs, metrics };
}

function finite(value: JsonDouble | undefined): number | null {
  if (value === undefined) return null;
  const number = toNumber(value);
  return Number.isFinite(number) ? number : null;
}

function points(series: ChartSeries): { x: number[]; y: (number | null)[] } {
  const x: number[] = [];
  const y: (number | null)[] = [];
  if (series.buckets) {
    const b = series.buckets;
    for (let i = 0; i < b.mean.length; i++) {
      const start = finite(b.start[i]);
      const end = finite(b.end[i]);
      if (start === null || end === null) continue;
      x.push((start + end) / 2);
      y.push(b.count[i] === 0 ? null : finite(b.mean[i]));
    }
    return { x, y };
  }
  const xs = series.x ?? [];
  const ys = series.y ?? [];
  for (let i = 0; i < xs.length && i < ys.length; i++) {
    const xv = finite(xs[i]);
    if (xv === null) continue; // a point without a place on the axis cannot be drawn
    x.push(xv);
    y.push(finite(ys[i]));
  }
  return { x, y };
}

/** Axis title for the x axis the panel chose. */
export function xAxisLabel(axis: XAxis): string {
  if (axis === 'step') return 'step';
  if (axis === 'timestamp') return 'time';
  if (axis === 'relative') return 'time since run start';
  return axis.slice('metric:'.length);
}
