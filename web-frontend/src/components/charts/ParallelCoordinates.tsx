import { memo, useMemo, useRef, useState, type PointerEvent } from 'react';
import { formatNumber, truncateMiddle } from '../../lib/format.ts';
import {
  GRADIENT,
  passes,
  position,
  rankOf,
  scaleOf,
  sequentialColor,
  type AxisInput,
  type Brush,
  type Scale,
} from './parallel.ts';
import { useWidth } from '../useWidth.ts';
import './charts.css';

/** A line: a run, coloured by `value` (the chosen metric summary). */
export type ParallelLine = { id: string; label: string; value: number | undefined };

const HEIGHT = 300;
const MARGIN = { top: 34, right: 56, bottom: 16, left: 56 };

/**
 * Parallel coordinates in SVG: one axis per field (numeric, log when it spans decades, or categorical), one line
 * per run coloured by its rank in a metric on a blue → orange scale (by rank, so one diverged run at 200 does not
 * paint all the others the same blue) with its legend. Hovering a line names the run; dragging
 * along an axis brushes a range and fades the lines outside it (a click on the axis clears it). 100 runs × 10 axes
 * are 100 paths: cheap to redraw.
 */
export const ParallelCoordinates = memo(function ParallelCoordinates({
  axes,
  lines,
  metricLabel,
}: {
  axes: AxisInput[];
  lines: ParallelLine[];
  metricLabel: string;
}) {
  const [container, width] = useWidth<HTMLDivElement>();
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const [brushes, setBrushes] = useState<Record<string, Brush>>({});
  const drag = useRef<{ axis: string; from: number } | undefined>(undefined);

  const scales = useMemo(() => axes.map((a) => scaleOf(a.values)), [axes]);
  const colourScale = useMemo(() => scaleOf(lines.map((l) => l.value)), [lines]);
  const ranks = useMemo(() => rankOf(lines.map((l) => l.value)), [lines]);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const xOf = (i: number) => MARGIN.left + (axes.length === 1 ? plotWidth / 2 : (i * plotWidth) / (axes.length - 1));
  const yOf = (p: number) => MARGIN.top + (1 - p) * plotHeight;

  const drawn = useMemo(() => {
    const brushList = axes.map((a) => brushes[a.key]);
    return lines.map((line, row) => {
      const positions = axes.map((a, i) => position(scales[i]!, a.values[row]));
      let d = '';
      let pen = false;
      positions.forEach((p, i) => {
        if (p === undefined) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${xOf(i).toFixed(1)},${yOf(p).toFixed(1)}`;
        pen = true;
      });
      const t = ranks[row];
      return { line, d, color: t === undefined ? 'var(--text-muted)' : sequentialColor(t), kept: passes(positions, brushList) };
    });
    // xOf/yOf depend only on width and axes.length, both listed.
  }, [lines, axes, scales, ranks, brushes, width]);

  const kept = drawn.filter((d) => d.kept).length;
  const hover = drawn.find((d) => d.line.id === hovered);

  // Within 3 % of an end is the end: a brush dragged from the top keeps the line at the very top.
  const brushAt = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const p = 1 - (event.clientY - box.top) / box.height;
    return p > 0.97 ? 1 : p < 0.03 ? 0 : p;
  };

  return (
    <div className="parallel" ref={container}>
      <div className="parallel-legend">
        <span className="muted">{metricLabel}</span>
        {colourScale.kind === 'numeric' ? (
          <>
            <span className="num">{formatNumber(Math.min(...lines.flatMap((l) => (l.value === undefined ? [] : [l.value]))))}</span>
            <span className="parallel-gradient" style={{ background: GRADIENT }} aria-hidden="true" />
            <span className="num">{formatNumber(Math.max(...lines.flatMap((l) => (l.value === undefined ? [] : [l.value]))))}</span>
          </>
        ) : (
          <span className="muted">no values</span>
        )}
        <span className="parallel-status muted" aria-live="polite">
          {hover ? (
            <strong className="parallel-hover">
              {hover.line.label} · {formatNumber(hover.line.value)}
            </strong>
          ) : Object.keys(brushes).length > 0 ? (
            <>
              {kept} of {lines.length} runs in the brushed ranges{' '}
              <button type="button" className="link-button" onClick={() => setBrushes({})}>
                Clear
              </button>
            </>
          ) : (
            'Drag along an axis to keep a range'
          )}
        </span>
      </div>
      {width > 0 ? (
        <svg width={width} height={HEIGHT} role="img" aria-label={`Parallel coordinates of ${axes.map((a) => a.label).join(', ')}, coloured by ${metricLabel}`}>
          <g className="parallel-lines">
            {drawn.map((d) =>
              d.line.id === hovered ? null : (
                <path
                  key={d.line.id}
                  d={d.d}
                  stroke={d.color}
                  className={d.kept ? (hovered ? 'dim' : undefined) : 'out'}
                  onPointerEnter={() => setHovered(d.line.id)}
                  onPointerLeave={() => setHovered(undefined)}
                >
                  <title>{d.line.label}</title>
                </path>
              ),
            )}
            {hover ? <path d={hover.d} stroke={hover.color} className="hovered" onPointerLeave={() => setHovered(undefined)} /> : null}
          </g>
          {axes.map((axis, i) => (
            <Axis
              key={axis.key}
              x={xOf(i)}
              label={axis.label}
              scale={scales[i]!}
              yOf={yOf}
              brush={brushes[axis.key]}
              onPointerDown={(event) => {
                event.currentTarget.setPointerCapture(event.pointerId);
                drag.current = { axis: axis.key, from: brushAt(event) };
              }}
              onPointerMove={(event) => {
                if (drag.current?.axis !== axis.key) return;
                const to = brushAt(event);
                if (Math.abs(to - drag.current.from) > 0.01) setBrushes((b) => ({ ...b, [axis.key]: [drag.current!.from, to] }));
              }}
              onPointerUp={(event) => {
                const start = drag.current;
                drag.current = undefined;
                if (start && Math.abs(brushAt(event) - start.from) <= 0.01) {
                  setBrushes(({ [axis.key]: _, ...rest }) => rest);
                }
              }}
            />
          ))}
        </svg>
      ) : (
        <div style={{ height: HEIGHT }} />
      )}
    </div>
  );
});

function Axis({
  x,
  label,
  scale,
  yOf,
  brush,
  onPointerDown,
  onPointerMove,
  onPointerUp,
}: {
  x: number;
  label: string;
  scale: Scale;
  yOf: (p: number) => number;
  brush: Brush | undefined;
  onPointerDown: (e: PointerEvent<SVGRectElement>) => void;
  onPointerMove: (e: PointerEvent<SVGRectElement>) => void;
  onPointerUp: (e: PointerEvent<SVGRectElement>) => void;
}) {
  const ticks =
    scale.kind === 'numeric'
      ? scale.ticks.map((t) => ({ p: position(scale, t)!, text: formatNumber(t) }))
      : scale.categories.length > 12
        ? [] // too many to label: the line positions still say it
        : scale.categories.map((c) => ({ p: position(scale, c)!, text: truncateMiddle(c, 14) }));
  return (
    <g className="parallel-axis">
      <g>
        <title>{label}</title>
        <text x={x} y={MARGIN.top - 14} textAnchor="middle" className="parallel-axis-label">
          {truncateMiddle(label, 18)}
        </text>
      </g>
      <line x1={x} x2={x} y1={yOf(0)} y2={yOf(1)} />
      {ticks.map((tick) => (
        <g key={tick.text}>
          <line x1={x - 3} x2={x} y1={yOf(tick.p)} y2={yOf(tick.p)} />
          <text x={x - 6} y={yOf(tick.p)} textAnchor="end" dominantBaseline="middle">
            {tick.text}
          </text>
        </g>
      ))}
      {brush ? (
        <rect className="parallel-brush" x={x - 7} width={14} y={yOf(Math.max(...brush))} height={Math.abs(yOf(brush[0]) - yOf(brush[1]))} />
      ) : null}
      <rect
        className="parallel-hit"
        x={x - 12}
        width={24}
        y={yOf(1)}
        height={yOf(0) - yOf(1)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <title>Drag to keep a range of {label}; click to clear</title>
      </rect>
    </g>
  );
}
