import { memo, useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { facetedLine, followWidth } from '../../components/charts/uplotParts.ts';
import { chartModel, extent, formatDuration, xAxisLabel, type ChartModel } from './chartData.ts';
import type { ChartData, LineChartBlock } from './types.ts';

const HEIGHT = 260;

/** uPlot paints axes on a canvas, out of CSS's reach: read the theme's tokens (dark mode too) when a chart is made. */
function themedAxis(): uPlot.Axis {
  const style = typeof document === 'undefined' ? undefined : getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback;
  const grid = token('--chart-grid', 'rgba(0,0,0,.07)');
  return { stroke: token('--chart-axis', '#666'), grid: { stroke: grid }, ticks: { stroke: grid } };
}

/**
 * One line-chart panel. The uPlot instance is created once per answer and destroyed on unmount; a resize only
 * resizes it. The component is memoised on its (immutable) block and data, so state elsewhere on the page never
 * redraws a chart: with 20 panels of 100 runs, only the panels whose data changed do any work.
 */
export const LineChartPanel = memo(function LineChartPanel({ block, data }: { block: LineChartBlock; data: ChartData }) {
  const model = useMemo(() => chartModel(block, data), [block, data]);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || model.lines.length === 0) return;
    const width = Math.max(200, element.clientWidth || 600);
    const [options, facets] = chartOptions(model, width);
    const plot = new uPlot(options, facets as unknown as uPlot.AlignedData, element);
    const unfollow = followWidth(element, plot, HEIGHT);
    return () => {
      unfollow();
      plot.destroy();
    };
  }, [model]);

  const pointTotal = data.series.reduce((sum, series) => sum + series.pointCount, 0);
  return (
    <figure className="panel chart-panel" aria-label={block.title || block.metrics.join(', ')}>
      <figcaption>
        <h3>{block.title || block.metrics.join(', ')}</h3>
        <span className="panel-meta">
          {block.metrics.join(', ')} by {xAxisLabel(data.xAxis)}
          {model.bucketMeans ? ' · bucket means' : ''}
          {block.smoothing ? ` · smoothed ${block.smoothing}` : ''}
          {` · ${pointTotal.toLocaleString('en')} points`}
        </span>
      </figcaption>
      {model.lines.length === 0 ? (
        <p className="empty">No data points for these runs and metrics.</p>
      ) : (
        <div className="chart" ref={container} />
      )}
      <Legend model={model} />
    </figure>
  );
});

function Legend({ model }: { model: ChartModel }) {
  return (
    <div className="legend">
      {model.metrics.length > 1 ? (
        <ul className="legend-metrics" aria-label="Metrics">
          {model.metrics.map((metric) => (
            <li key={metric.key}>
              <svg width="24" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="24" y2="4" stroke="currentColor" strokeWidth="2"
                  strokeDasharray={metric.dash?.join(' ')} />
              </svg>
              {metric.key}
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="legend-runs" aria-label="Runs">
        {model.runs.map((run) => (
          <li key={run.id}>
            <span className="swatch" style={{ background: run.color }} aria-hidden="true" />
            {run.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * uPlot options and faceted data (mode 2): series i draws data[i] = [x, y], so each run keeps its own x values
 * and nothing is joined or padded. Ranges are computed here once rather than by uPlot per series.
 */
export function chartOptions(model: ChartModel, width: number): [uPlot.Options, [null, ...[number[], (number | null)[]][]]] {
  const facets: [null, ...[number[], (number | null)[]][]] = [null, ...model.lines.map((line) => [line.x, line.y] as [number[], (number | null)[]])];
  const xRange = extent(model.lines.flatMap((line) => [line.x[0] ?? null, line.x[line.x.length - 1] ?? null])) ?? [0, 1];
  const yRange = extent(model.lines.flatMap((line) => line.y)) ?? [0, 1];
  const time = model.xAxis === 'timestamp';
  const options: uPlot.Options = {
    mode: 2 as uPlot.Mode,
    width,
    height: HEIGHT,
    // Timestamps arrive in epoch milliseconds.
    ms: 1,
    legend: { show: false },
    cursor: { drag: { x: true, y: false }, points: { show: false } },
    scales: {
      x: { time, auto: false, range: [xRange[0], xRange[1]] },
      y: { auto: false, range: [yRange[0], yRange[1]] },
    },
    axes: [
      {
        ...themedAxis(),
        label: xAxisLabel(model.xAxis),
        ...(model.xAxis === 'relative' ? { values: (_u: uPlot, splits: number[]) => splits.map(formatDuration) } : {}),
      },
      themedAxis(),
    ],
    series: [
      {},
      ...model.lines.map(
        (line): uPlot.Series =>
          facetedLine({
            label: line.label,
            stroke: line.color,
            width: 1.25,
            ...(line.dash ? { dash: line.dash } : {}),
          }),
      ),
    ],
  };
  return [options, facets];
}
