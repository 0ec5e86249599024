import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ScatterChart, type Point } from '../../components/charts/ScatterChart.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { api, data } from '../../lib/api/typed.ts';
import { runColor } from '../../lib/colors.ts';
import { formatNumber } from '../../lib/format.ts';
import type { RunRow } from './api.ts';
import { numericParams, paramDiff, runIdFilter } from './compare.ts';
import { RunCharts, type ChartSettings } from './RunCharts.tsx';

/** The selected runs themselves, whatever the table has loaded (a pasted compare link names runs by id). */
function useRunsById(projectId: string, ids: string[]) {
  return useQuery({
    queryKey: ['runsById', projectId, ids],
    queryFn: async ({ signal }) =>
      data(
        await api.POST('/api/v1/projects/{projectId}/runs/search', {
          params: { path: { projectId } },
          body: { filter: runIdFilter(ids), limit: ids.length, orderBy: ['started_at DESC'] },
          signal,
        }),
      ).runs ?? [],
  });
}

/**
 * Compare the selected runs: their charts overlaid, a diff of their params (only what differs, or all), and a
 * scatter of a param against a metric summary.
 */
export function Compare({
  projectId,
  ids,
  metricKeys,
  settings,
  onSettings,
}: {
  projectId: string;
  ids: string[];
  metricKeys: string[];
  settings: ChartSettings;
  onSettings: (changes: Partial<ChartSettings>) => void;
}) {
  const runs = useRunsById(projectId, ids);
  if (runs.isPending) return <div className="compare"><Skeleton height={300} /></div>;
  if (runs.isError) return <div className="compare"><Problem error={runs.error} what="Runs" /></div>;
  return (
    <div className="compare">
      <RunCharts runs={runs.data} metricKeys={metricKeys} settings={settings} onSettings={onSettings} selection />
      <div className="compare-lower">
        <ParamDiff runs={runs.data} />
        <Scatter runs={runs.data} metricKeys={metricKeys} />
      </div>
    </div>
  );
}

function ParamDiff({ runs }: { runs: RunRow[] }) {
  const [all, setAll] = useState(false);
  const rows = useMemo(() => paramDiff(runs), [runs]);
  const shown = all ? rows : rows.filter((r) => r.differs);
  return (
    <section className="side-card compare-diff" aria-labelledby="diff-title">
      <div className="section-head">
        <h2 id="diff-title">Params {all ? '' : 'that differ'}</h2>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show all ({rows.length})
        </label>
      </div>
      <div className="diff-scroll">
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">param</th>
              {runs.map((run) => (
                <th key={run.id} scope="col" title={run.name}>
                  <span className="swatch" style={{ background: runColor(run.id!) }} aria-hidden="true" /> {run.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} className={row.differs ? 'differs' : undefined}>
                <th scope="row" className="mono">
                  {row.key}
                </th>
                {row.values.map((value, i) => (
                  <td key={runs[i]!.id} className="mono">
                    {value ?? <span className="muted">—</span>}
                  </td>
                ))}
              </tr>
            ))}
            {shown.length === 0 ? (
              <tr>
                <td colSpan={runs.length + 1} className="muted">
                  These runs share every param.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Scatter({ runs, metricKeys }: { runs: RunRow[]; metricKeys: string[] }) {
  const params = useMemo(() => numericParams(runs), [runs]);
  const [param, setParam] = useState<string | undefined>(undefined);
  const [metric, setMetric] = useState<string | undefined>(undefined);
  const x = param ?? params[0];
  const y = metric ?? metricKeys.find((k) => !k.startsWith('system/')) ?? metricKeys[0];
  const points = useMemo((): Point[] => {
    if (!x || !y) return [];
    return runs.flatMap((run) => {
      const px = Number(run.params?.[x]);
      const py = run.metrics?.[y]?.last;
      return Number.isFinite(px) && py !== undefined && Number.isFinite(py)
        ? [{ id: run.id!, label: run.name ?? run.id!, color: runColor(run.id!), x: px, y: py }]
        : [];
    });
  }, [runs, x, y]);
  return (
    <section className="side-card compare-scatter" aria-labelledby="scatter-title">
      <div className="section-head">
        <h2 id="scatter-title">Scatter</h2>
        <label>
          x{' '}
          <select value={x ?? ''} onChange={(e) => setParam(e.target.value)} aria-label="Scatter x (param)">
            {params.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select value={y ?? ''} onChange={(e) => setMetric(e.target.value)} aria-label="Scatter y (metric, last value)">
            {metricKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </div>
      {params.length === 0 ? (
        <p className="muted">No numeric param differs between these runs.</p>
      ) : (
        <ScatterChart
          points={points}
          label={`${y} (last) against ${x}`}
          xLog={points.length > 0 && points.every((p) => p.x > 0) && Math.max(...points.map((p) => p.x)) / Math.min(...points.map((p) => p.x)) > 50}
        />
      )}
      <p className="muted scatter-note">
        {points.length} runs · y is the last value of {y}
        {points.length > 0 ? `, best ${formatNumber(Math.min(...points.map((p) => p.y)))}` : ''}
      </p>
    </section>
  );
}
