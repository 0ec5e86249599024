import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../lib/format.ts';
import { finiteExtent } from './chartMath.ts';
import { followWidth } from './uplotParts.ts';
import './charts.css';

export type Point = { id: string; label: string; color: string; x: number; y: number };

const HEIGHT = 280;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * One dot per run (its colour), e.g. a param against a metric summary. uPlot in faceted mode, points only. With
 * `xCategories`, x is an index into them (a param that is not a number) and the axis names them.
 */
export const ScatterChart = memo(function ScatterChart({
  points,
  label,
  xLog = false,
  xCategories,
}: {
  points: Point[];
  label: string;
  xLog?: boolean;
  xCategories?: string[] | undefined;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element || points.length === 0) return;
    const axis = cssVar('--chart-axis', '#666');
    const grid = cssVar('--chart-grid', 'rgba(0,0,0,.07)');
    const xs: [number, number] = xCategories
      ? [-0.5, Math.max(0.5, xCategories.length - 0.5)]
      : (finiteExtent(points.map((p) => p.x), xLog) ?? [0, 1]);
    const ys = finiteExtent(points.map((p) => p.y)) ?? [0, 1];
    const options: uPlot.Options = {
      mode: 2 as uPlot.Mode,
      width: Math.max(200, element.clientWidth || 400),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, auto: false, range: xs, distr: xLog ? 3 : 1 }, y: { auto: false, range: ys } },
      axes: [
        xCategories
          ? {
              stroke: axis,
              grid: { stroke: grid },
              ticks: { stroke: grid },
              splits: () => xCategories.map((_, i) => i),
              values: (_u, s) => s.map((v) => xCategories[v] ?? ''),
            }
          : { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_u, s) => s.map((v) => formatNumber(v)) },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 60, values: (_u, s) => s.map((v) => formatNumber(v)) },
      ],
      // The dots are drawn here: a faceted series with no path draws nothing by itself.
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            const radius = 4.5 * devicePixelRatio;
            ctx.save();
            ctx.beginPath();
            ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
            ctx.clip();
            for (const p of points) {
              ctx.beginPath();
              ctx.arc(u.valToPos(p.x, 'x', true), u.valToPos(p.y, 'y', true), radius, 0, 2 * Math.PI);
              ctx.fillStyle = p.color;
              ctx.fill();
            }
            ctx.restore();
          },
        ],
      },
      series: [
        {},
        ...points.map(
          (p): uPlot.Series => ({
            label: p.label,
            stroke: p.color,
            fill: p.color,
            width: 0,
            paths: () => null,
            points: { show: false },
            facets: [
              { scale: 'x', auto: false },
              { scale: 'y', auto: false },
            ],
          }),
        ),
      ],
    };
    const data = [null, ...points.map((p) => [[p.x], [p.y]])] as unknown as uPlot.AlignedData;
    const plot = new uPlot(options, data, element);
    const unfollow = followWidth(element, plot, HEIGHT);
    return () => {
      unfollow();
      plot.destroy();
    };
  }, [points, xLog, xCategories]);
  return (
    <div className="line-chart" role="img" aria-label={label}>
      {points.length === 0 ? <div className="chart-empty">No runs have both values</div> : <div ref={container} className="chart-canvas scatter" />}
    </div>
  );
});
