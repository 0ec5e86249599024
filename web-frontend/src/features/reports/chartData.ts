import { toNumber, type ChartData, type ChartSeries, type JsonDouble, type LineChartBlock, type XAxis } from './types.ts';

/**
 * Turns a chart panel's answer into what uPlot draws: one line per run per metric, each with its own x values
 * (uPlot's faceted mode), because the server downsamples every series on its own and their x values differ.
 * Values are used as served (already downsampled and smoothed); NaN and the infinities become gaps.
 */
export interface ChartLine {
  runId: string;
  runName: string;
  metric: string;
  label: string;
  color: string;
  dash: number[] | undefined;
  x: number[];
  y: (number | null)[];
}

export interface ChartModel {
  xAxis: XAxis;
  /** BUCKETS answers are drawn through each bucket's mean, at the bucket's middle. */
  bucketMeans: boolean;
  lines: ChartLine[];
  /** The runs in the answer's order, with their color: the legend. */
  runs: { id: string; name: string; color: string }[];
  metrics: { key: string; dash: number[] | undefined }[];
}

const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#e6550d', '#31a354', '#843c39', '#7b4173', '#3182bd', '#fd8d3c', '#74c476', '#de9ed6', '#636363',
];
const DASHES: (number[] | undefined)[] = [undefined, [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]];

export function runColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export function chartModel(block: LineChartBlock, data: ChartData): ChartModel {
  const runs = data.runs.map((run, index) => ({ id: run.id, name: run.name, color: runColor(index) }));
  const byId = new Map(runs.map((run) => [run.id, run]));
  const metricKeys = [...block.metrics];
  for (const series of data.series) if (!metricKeys.includes(series.key)) metricKeys.push(series.key);
  const metrics = metricKeys.map((key, index) => ({ key, dash: DASHES[index % DASHES.length] }));
  const dashOf = new Map(metrics.map((metric) => [metric.key, metric.dash]));
  const several = metricKeys.length > 1;

  const lines: ChartLine[] = [];
  for (const series of data.series) {
    const run = byId.get(series.runId) ?? { id: series.runId, name: series.runId, color: '#999' };
    const { x, y } = points(series);
    if (x.length === 0) continue;
    lines.push({
      runId: run.id,
      runName: run.name,
      metric: series.key,
      label: several ? `${run.name} · ${series.key}` : run.name,
      color: run.color,
      dash: dashOf.get(series.key),
      x,
      y,
    });
  }
  return { xAxis: data.xAxis, bucketMeans: data.mode === 'BUCKETS', lines, runs, metrics };
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

/** [min, max] over every line, widened when flat so uPlot gets a usable range; undefined when there is no value. */
export function extent(values: Iterable<number | null>): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === null) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return undefined;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.05;
    return [min - pad, max + pad];
  }
  return [min, max];
}

/** Axis title for the x axis the panel chose. */
export function xAxisLabel(axis: XAxis): string {
  if (axis === 'step') return 'step';
  if (axis === 'timestamp') return 'time';
  if (axis === 'relative') return 'time since run start';
  return axis.slice('metric:'.length);
}

/** Relative time (milliseconds since the run started) as a short duration: 45s, 12m, 3.5h. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return `${round(seconds)}s`;
  if (abs < 3600) return `${round(seconds / 60)}m`;
  if (abs < 86400 * 2) return `${round(seconds / 3600)}h`;
  return `${round(seconds / 86400)}d`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 1 : 0);
}
