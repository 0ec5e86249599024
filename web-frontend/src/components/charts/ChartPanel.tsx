import { useState, type ReactNode } from 'react';
import type { XAxis } from '../../lib/series.ts';
import { Skeleton } from '../Skeleton.tsx';
import { LineChart, xLabel, type Line } from './LineChart.tsx';

/** A zoomed x range, remembered per axis: a zoom is in its axis' units, so another axis starts unzoomed. */
export function useAxisZoom(x: XAxis): [[number, number] | undefined, (range: [number, number] | undefined) => void] {
  const [zoom, setZoom] = useState<{ x: XAxis; range: [number, number] } | undefined>(undefined);
  return [zoom?.x === x ? zoom.range : undefined, (range) => setZoom(range ? { x, range } : undefined)];
}

/** A panel: the metric key, a line of facts about it, and its chart (a skeleton of the same size while loading). */
export function ChartPanel({
  metricKey,
  meta,
  loading,
  lines,
  x,
  logY = false,
  range,
  onZoom,
  syncKey,
  hidden,
}: {
  metricKey: string;
  meta: ReactNode;
  loading: boolean;
  lines: Line[];
  x: XAxis;
  logY?: boolean;
  range: [number, number] | undefined;
  onZoom: (range: [number, number] | undefined) => void;
  syncKey: string;
  hidden?: ReadonlySet<string>;
}) {
  return (
    <figure className="chart-panel" aria-label={metricKey}>
      <figcaption>
        <span className="mono panel-key">{metricKey}</span>
        <span className="muted panel-meta">{meta}</span>
      </figcaption>
      {loading ? (
        <Skeleton height={240} />
      ) : (
        <LineChart
          lines={lines}
          xKind={x}
          logY={logY}
          xRange={range}
          onZoom={(min, max) => onZoom([min, max])}
          onResetZoom={() => onZoom(undefined)}
          syncKey={syncKey}
          hidden={hidden}
          label={`${metricKey} by ${xLabel(x)}`}
        />
      )}
    </figure>
  );
}

export type ChartSettings = { x: XAxis; smoothing: number; log?: boolean };

/** The settings every chart grid offers: x-axis, EMA smoothing, optionally log y, and a reset for a zoom. */
export function ChartControls({
  settings,
  onChange,
  zoomed,
  onResetZoom,
  children,
}: {
  settings: ChartSettings;
  onChange: (changes: Partial<ChartSettings>) => void;
  zoomed: boolean;
  onResetZoom: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="chart-controls" role="group" aria-label="Chart settings">
      {children}
      <label>
        x-axis{' '}
        <select value={settings.x} onChange={(e) => onChange({ x: e.target.value as XAxis })}>
          <option value="step">Step</option>
          <option value="relative">Relative time</option>
          <option value="timestamp">Wall time</option>
        </select>
      </label>
      <label>
        Smoothing{' '}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ smoothing: Number(e.target.value) })}
        />
        <span className="num smoothing-value">{settings.smoothing.toFixed(2)}</span>
      </label>
      {settings.log !== undefined ? (
        <label>
          <input type="checkbox" checked={settings.log} onChange={(e) => onChange({ log: e.target.checked })} /> Log y
        </label>
      ) : null}
      {zoomed ? (
        <button type="button" className="button" onClick={onResetZoom}>
          Reset zoom
        </button>
      ) : null}
    </div>
  );
}
