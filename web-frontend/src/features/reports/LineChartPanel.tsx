import { memo, useMemo } from 'react';
import { LineChart } from '../../components/charts/LineChart.tsx';
import { chartModel, xAxisLabel, type ChartModel } from './chartData.ts';
import type { ChartData, LineChartBlock } from './types.ts';

/**
 * One line-chart panel of a report, drawn by the app's one chart component (the workspace's LineChart: faceted uPlot,
 * hover readout sorted by value, crosshair synchronised across the report's panels). Memoised on its (immutable)
 * block and data, so state elsewhere on the page never redraws a chart: with 20 panels of 100 runs, only the panels
 * whose data changed do any work.
 */
export const LineChartPanel = memo(function LineChartPanel({ block, data }: { block: LineChartBlock; data: ChartData }) {
  const model = useMemo(() => chartModel(block, data), [block, data]);
  const title = block.title || block.metrics.join(', ');
  const pointTotal = data.series.reduce((sum, series) => sum + series.pointCount, 0);
  return (
    <figure className="panel chart-panel" aria-label={title}>
      <figcaption>
        <h3>{title}</h3>
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
        <LineChart lines={model.lines} xKind={model.xKind} syncKey="report" label={`${title} by ${xAxisLabel(data.xAxis)}`} />
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
