import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDuration, formatNumber, formatSi } from '../../lib/format.ts';
import { finiteExtent, nearestIndex } from './chartMath.ts';
import { facetedLine, followWidth } from './uplotParts.ts';
import './charts.css';

/** `day`: UTC days as epoch ms (usage per day), read as dates. */
export type XKind = 'step' | 'timestamp' | 'relative' | 'metric' | 'day';

export type Line = {
  id: string;
  label: string;
  color: string;
  x: number[];
  y: (number | null)[];
  /** The raw line drawn faintly behind a smoothed one. */
  raw?: (number | null)[];
  /** Min/max envelope (server buckets), drawn as a translucent band. */
  band?: { min: (number | null)[]; max: (number | null)[] };
  /** A dash pattern (canvas `setLineDash`), e.g. one per metric when a chart shows several metrics of the same runs. */
  dash?: number[] | undefined;
};

export type Hover = { x: number; values: { id: string; label: string; color: string; value: number }[] };

const HEIGHT = 220;

/** Re-renders when the theme flips (app/theme.ts sets data-theme), so charts pick up the other palette. */
function useScheme(): string {
  return useSyncExternalStore(
    (notify) => {
      const observer = new MutationObserver(notify);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => observer.disconnect();
    },
    () => document.documentElement.dataset['theme'] ?? '',
  );
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

type Drawn = { line: Line; y: (number | null)[]; width: number; alpha: number };

type Prepared = {
  visible: Line[];
  drawn: Drawn[];
  /** Which lines are drawn and how: the chart is built again only when this changes. */
  shape: string;
  extents: (xRange: [number, number] | undefined) => { xs: [number, number]; ys: [number, number] };
};

/** The uPlot series behind the lines: per line its envelope (min, max), its faint raw line, and the line itself. */
function prepare(lines: Line[], hidden: ReadonlySet<string> | undefined, logY: boolean): Prepared {
  const visible = lines.filter((line) => !hidden?.has(line.id) && line.x.length > 0);
  const drawn: Drawn[] = [];
  for (const line of visible) {
    if (line.band) {
      drawn.push({ line, y: line.band.min, width: 0, alpha: 0 });
      drawn.push({ line, y: line.band.max, width: 0, alpha: 0 });
    }
    if (line.raw) drawn.push({ line, y: line.raw, width: 1, alpha: 0.25 });
    drawn.push({ line, y: line.y, width: 1.5, alpha: 1 });
  }
  const shape = visible.map((l) => `${l.id}\t${l.label}\t${l.color}\t${l.band ? 'b' : ''}${l.raw ? 'r' : ''}\t${l.dash?.join(',') ?? ''}`).join('\n');
  const extents = (xRange: [number, number] | undefined) => {
    const xs = xRange ?? finiteExtent(visible.flatMap((l) => [l.x[0], l.x[l.x.length - 1]])) ?? [0, 1];
    const ys =
      finiteExtent(
        drawn.flatMap((d) => {
          if (!xRange) return d.y;
          const out: (number | null)[] = [];
          d.line.x.forEach((x, i) => {
            if (x >= xRange[0] && x <= xRange[1]) out.push(d.y[i] ?? null);
          });
          return out;
        }),
        logY,
      ) ?? [0, 1];
    return { xs: xs as [number, number], ys: ys as [number, number] };
  };
  return { visible, drawn, shape, extents };
}

function facetsOf(drawn: Drawn[]): uPlot.AlignedData {
  return [null, ...drawn.map((d) => [d.line.x, d.y])] as unknown as uPlot.AlignedData;
}

export function formatX(kind: XKind, value: number): string {
  if (kind === 'relative') return formatDuration(value);
  if (kind === 'timestamp') return new Date(value).toISOString().slice(11, 19);
  if (kind === 'day') return new Date(value).toISOString().slice(0, 10);
  return formatSi(value);
}

export function xLabel(kind: XKind): string {
  return kind === 'step' ? 'step' : kind === 'timestamp' ? 'wall time (UTC)' : kind === 'relative' ? 'time since start' : kind === 'day' ? 'day (UTC)' : 'metric';
}

/**
 * Every time series in the app is drawn here: a uPlot chart in faceted mode (each line keeps its own x values, so
 * nothing is joined or padded), 1.5 px lines, faint grid, drag to zoom (the caller re-fetches finer data for the
 * range), double-click to reset, and a hover readout of every line's value at the cursor, sorted by value. Hovering
 * one chart moves the crosshair on the others of the same `syncKey`.
 */
export const LineChart = memo(function LineChart({
  lines,
  xKind,
  logY = false,
  xRange,
  onZoom,
  onResetZoom,
  syncKey,
  label,
  hidden,
  formatY = formatNumber,
}: {
  lines: Line[];
  xKind: XKind;
  logY?: boolean;
  xRange?: [number, number] | undefined;
  onZoom?: ((min: number, max: number) => void) | undefined;
  onResetZoom?: (() => void) | undefined;
  syncKey?: string | undefined;
  label: string;
  hidden?: ReadonlySet<string> | undefined;
  /** The y-axis ticks and the hover values (default: table numbers; usage passes SI suffixes, `1.2M`). */
  formatY?: (value: number) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const scheme = useScheme();
  const zoom = useRef(onZoom);
  const reset = useRef(onResetZoom);
  zoom.current = onZoom;
  reset.current = onResetZoom;
  // The zoomed range is read when a chart is built; a new range over the same lines only rescales the chart that is
  // there (the effect below) instead of building it again: right after a drag the old buckets are stretched at once,
  // and rebuilding 100 series then kept the main thread busy while the finer buckets were on their way.
  const range = useRef(xRange);
  range.current = xRange;
  const plotRef = useRef<uPlot | undefined>(undefined);

  // What is drawn, derived from the lines: the chart is built for its shape (which lines, envelopes, colours), and
  // new data of the same shape (finer buckets after a zoom, a live run's new points) is handed to the chart that is
  // there with setData, which costs a redraw instead of building 100 series' canvas, axes and cursor again.
  const prepared = useMemo(() => prepare(lines, hidden, logY), [lines, hidden, logY]);
  const current = useRef(prepared);
  current.current = prepared;
  /** What the chart shows now: the data and range it was built with or last updated to. */
  const built = useRef<{ prepared: Prepared; range: [number, number] | undefined } | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    const { visible, drawn, extents } = current.current;
    if (!element || visible.length === 0) return;
    const axis = cssVar('--chart-axis', '#666');
    const grid = cssVar('--chart-grid', 'rgba(0,0,0,.07)');
    const { xs, ys } = extents(range.current);
    const bands: uPlot.Band[] = [];
    drawn.forEach((d, i) => {
      if (d.line.band && d.y === d.line.band.max) bands.push({ series: [i + 1, i], fill: `${d.line.color}26` });
    });
    const options: uPlot.Options = {
      mode: 2 as uPlot.Mode,
      width: Math.max(200, element.clientWidth || 400),
      height: HEIGHT,
      ms: 1,
      // Days are UTC days (usage periods are UTC months): label them so wherever the browser is.
      ...(xKind === 'day' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts), 'Etc/UTC') } : {}),
      legend: { show: false },
      padding: [8, 8, 0, 0],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { show: false },
        ...(syncKey ? { sync: { key: syncKey } } : {}),
      },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: xKind === 'timestamp' || xKind === 'day', auto: false, range: [xs[0], xs[1]] },
        y: { auto: false, range: [ys[0], ys[1]], distr: logY ? 3 : 1 },
      },
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid, width: 1 },
          // Days: a tick per whole day (or week), read as dates, never as the hours between them.
          ...(xKind === 'day'
            ? { incrs: [86_400_000, 2 * 86_400_000, 7 * 86_400_000, 14 * 86_400_000], values: (_u: uPlot, splits: number[]) => splits.map((v) => formatX('day', v).slice(5)) }
            : {}),
          ...(xKind === 'timestamp' || xKind === 'day' ? {} : { values: (_u: uPlot, splits: number[]) => splits.map((v) => formatX(xKind, v)) }),
        },
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid, width: 1 },
          // Wide enough for the longest tick label (exponents included), never cut at the left edge.
          size: (_u: uPlot, values: string[] | null) => 16 + 7 * Math.max(3, ...(values ?? []).map((v) => v.length)),
          values: (_u: uPlot, splits: number[]) => splits.map((v) => formatY(v)),
        },
      ],
      bands,
      series: [
        {},
        ...drawn.map(
          (d): uPlot.Series =>
            facetedLine({
              label: d.line.label,
              stroke: d.width === 0 ? 'transparent' : d.alpha < 1 ? `${d.line.color}40` : d.line.color,
              width: d.width || 0,
              ...(d.line.dash && d.width > 0 ? { dash: d.line.dash } : {}),
            }),
        ),
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 4) {
              const min = u.posToVal(u.select.left, 'x');
              const max = u.posToVal(u.select.left + u.select.width, 'x');
              zoom.current?.(min, max);
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const left = u.cursor.left;
            if (left === undefined || left < 0) {
              setHover(undefined);
              return;
            }
            const x = u.posToVal(left, 'x');
            const values: Hover['values'] = [];
            // The lines drawn now: setData may have replaced those the chart was built with.
            for (const line of current.current.visible) {
              const i = nearestIndex(line.x, x);
              const value = i >= 0 ? line.y[i] : null;
              if (value !== null && value !== undefined && Number.isFinite(value)) {
                values.push({ id: line.id, label: line.label, color: line.color, value });
              }
            }
            values.sort((a, b) => b.value - a.value);
            setHover({ x, values });
          },
        ],
      },
    };
    const plot = new uPlot(options, facetsOf(drawn), element);
    built.current = { prepared: current.current, range: range.current };
    const onDoubleClick = () => reset.current?.();
    plot.over.addEventListener('dblclick', onDoubleClick);
    const unfollow = followWidth(element, plot, HEIGHT);
    plotRef.current = plot;
    return () => {
      plotRef.current = undefined;
      unfollow();
      plot.over.removeEventListener('dblclick', onDoubleClick);
      plot.destroy();
    };
  }, [prepared.shape, xKind, logY, syncKey, scheme, formatY]);

  // New data of the same shape, or a new range over the same data: update the chart that is there.
  useEffect(() => {
    const plot = plotRef.current;
    const previous = built.current;
    if (!plot || !previous) return;
    if (previous.prepared === prepared && previous.range?.[0] === xRange?.[0] && previous.range?.[1] === xRange?.[1]) {
      return;
    }
    built.current = { prepared, range: xRange };
    const { xs, ys } = prepared.extents(xRange);
    plot.batch(() => {
      if (previous.prepared !== prepared) plot.setData(facetsOf(prepared.drawn), false);
      plot.setScale('x', { min: xs[0], max: xs[1] });
      plot.setScale('y', { min: ys[0], max: ys[1] });
    });
  }, [prepared, xRange?.[0], xRange?.[1]]);

  const empty = lines.every((line) => line.x.length === 0);
  return (
    <div className="line-chart" role="img" aria-label={label}>
      {empty ? <div className="chart-empty">No points yet</div> : <div ref={container} className="chart-canvas" />}
      <div className="chart-hover" aria-hidden="true">
        {hover && hover.values.length > 0 ? (
          <>
            <span className="muted">{formatX(xKind, hover.x)}</span>
            {hover.values.slice(0, 6).map((v) => (
              <span key={v.id} className="hover-value">
                <span className="swatch" style={{ background: v.color }} />
                {hover.values.length > 1 ? <span className="hover-label">{v.label}</span> : null}
                <b>{formatY(v.value)}</b>
              </span>
            ))}
            {hover.values.length > 6 ? <span className="muted">+{hover.values.length - 6}</span> : null}
          </>
        ) : (
          <span className="muted">{onZoom ? 'Drag to zoom, double-click to reset' : '\u00a0'}</span>
        )}
      </div>
    </div>
  );
});
