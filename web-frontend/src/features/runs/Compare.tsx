import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ParallelCoordinates } from '../../components/charts/ParallelCoordinates.tsx';
import { ScatterChart, type Point } from '../../components/charts/ScatterChart.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { api, data } from '../../lib/api/typed.ts';
import { runColor } from '../../lib/colors.ts';
import { formatNumber } from '../../lib/format.ts';
import type { RunRow } from './api.ts';
import {
  defaultMetric,
  differingParams,
  fieldId,
  fieldLabel,
  fieldValue,
  numericParams,
  paramDiff,
  parseField,
  runIdFilter,
  SUMMARIES,
  type Field,
} from './compare.ts';
import { RunCharts, type ChartSettings } from './RunCharts.tsx';

const route = getRouteApi('/shell/projects/$projectId');

/** A compare chart's choice, kept in the URL (`pc`, `sx`, `sy`) so a pasted compare link shows the same charts. */
function useChoice(key: 'pc' | 'sx' | 'sy'): [string | undefined, (id: string) => void] {
  const value = route.useSearch({ select: (search) => search[key] });
  const navigate = route.useNavigate();
  return [value, (id) => navigate({ search: (prev) => ({ ...prev, [key]: id }), replace: true })];
}

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
 * Compare the selected runs: their charts overlaid, parallel coordinates of the params that differ against a metric
 * summary, a diff of their params (only what differs, or all), and a scatter of any param or metric summary against
 * a metric summary.
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
      <div className="compare-wide">
        <Parallel runs={runs.data} metricKeys={metricKeys} />
      </div>
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

/** Every metric × last/min/max, as option groups. */
function MetricOptions({ metricKeys }: { metricKeys: string[] }) {
  return SUMMARIES.map((summary) => (
    <optgroup key={summary} label={`${summary} value`}>
      {metricKeys.map((key) => (
        <option key={key} value={fieldId({ kind: 'metric', key, summary })}>
          {key} ({summary})
        </option>
      ))}
    </optgroup>
  ));
}

/** A metric summary picker. */
function MetricSelect({ label, value, metricKeys, onChange }: { label: string; value: string; metricKeys: string[]; onChange: (id: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      <MetricOptions metricKeys={metricKeys} />
    </select>
  );
}

/**
 * Parallel coordinates: an axis per param that differs among the runs, then the chosen metric summary, which also
 * colours the lines.
 */
function Parallel({ runs, metricKeys }: { runs: RunRow[]; metricKeys: string[] }) {
  const [chosen, setChosen] = useChoice('pc');
  const first = defaultMetric(metricKeys);
  const metric = parseField(chosen) ?? (first ? ({ kind: 'metric', key: first, summary: 'last' } as Field) : undefined);
  const params = useMemo(() => differingParams(runs), [runs]);
  const axes = useMemo(() => {
    const fields: Field[] = [...params.map((key): Field => ({ kind: 'param', key })), ...(metric ? [metric] : [])];
    return fields.map((field) => ({ key: fieldId(field), label: fieldLabel(field), values: runs.map((run) => fieldValue(run, field)) }));
    // metric is rebuilt each render; its id says whether it changed.
  }, [runs, params, metric && fieldId(metric)]);
  const lines = useMemo(
    () =>
      runs.map((run) => {
        const value = metric ? fieldValue(run, metric) : undefined;
        return { id: run.id!, label: run.name ?? run.id!, value: typeof value === 'number' ? value : undefined };
      }),
    [runs, metric && fieldId(metric)],
  );
  return (
    <section className="side-card compare-parallel" aria-labelledby="parallel-title">
      <div className="section-head">
        <h2 id="parallel-title">Parallel coordinates</h2>
        {metric ? (
          <label>
            metric{' '}
            <MetricSelect label="Parallel coordinates metric" value={fieldId(metric)} metricKeys={metricKeys} onChange={setChosen} />
          </label>
        ) : null}
      </div>
      {params.length === 0 ? (
        <p className="muted">These runs share every param: nothing to draw an axis for.</p>
      ) : !metric ? (
        <p className="muted">These runs logged no metrics.</p>
      ) : (
        <ParallelCoordinates axes={axes} lines={lines} metricLabel={fieldLabel(metric)} />
      )}
    </section>
  );
}

/** A scatter of any param or metric summary (x) against a metric summary (y), one dot per run in its colour. */
function Scatter({ runs, metricKeys }: { runs: RunRow[]; metricKeys: string[] }) {
  const params = useMemo(() => differingParams(runs), [runs]);
  const numeric = useMemo(() => new Set(numericParams(runs)), [runs]);
  const [xChosen, setX] = useChoice('sx');
  const [yChosen, setY] = useChoice('sy');
  const first = defaultMetric(metricKeys);
  const firstParam = params.find((p) => numeric.has(p)) ?? params[0];
  const x =
    parseField(xChosen) ??
    (firstParam ? ({ kind: 'param', key: firstParam } as Field) : first ? ({ kind: 'metric', key: first, summary: 'min' } as Field) : undefined);
  const y = parseField(yChosen) ?? (first ? ({ kind: 'metric', key: first, summary: 'last' } as Field) : undefined);
  // A param that is not a number (an optimizer's name) gets a category axis: its values in order, one column each.
  const categories = useMemo(() => {
    if (!x || x.kind !== 'param' || numeric.has(x.key)) return undefined;
    return [...new Set(runs.map((run) => fieldValue(run, x)).filter((v) => v !== undefined).map(String))].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
  }, [runs, x && fieldId(x), numeric]);
  const points = useMemo((): Point[] => {
    if (!x || !y) return [];
    return runs.flatMap((run) => {
      const rawX = fieldValue(run, x);
      const px = categories ? (rawX === undefined ? NaN : categories.indexOf(String(rawX))) : Number(rawX);
      const py = fieldValue(run, y);
      return rawX !== undefined && Number.isFinite(px) && typeof py === 'number'
        ? [{ id: run.id!, label: run.name ?? run.id!, color: runColor(run.id!), x: px, y: py }]
        : [];
    });
  }, [runs, x && fieldId(x), y && fieldId(y), categories]);
  const xs = points.map((p) => p.x);
  const xLog = !categories && xs.length > 0 && xs.every((v) => v > 0) && Math.max(...xs) / Math.min(...xs) > 50;
  return (
    <section className="side-card compare-scatter" aria-labelledby="scatter-title">
      <div className="section-head">
        <h2 id="scatter-title">Scatter</h2>
        {x ? (
          <label>
            x{' '}
            <select value={fieldId(x)} onChange={(e) => setX(e.target.value)} aria-label="Scatter x (param or metric summary)">
              {params.length > 0 ? (
                <optgroup label="params that differ">
                  {params.map((p) => (
                    <option key={p} value={fieldId({ kind: 'param', key: p })}>
                      {p}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <MetricOptions metricKeys={metricKeys} />
            </select>
          </label>
        ) : null}
        {y ? (
          <label>
            y <MetricSelect label="Scatter y (metric summary)" value={fieldId(y)} metricKeys={metricKeys} onChange={setY} />
          </label>
        ) : null}
      </div>
      {!x || !y ? (
        <p className="muted">These runs logged no metrics to plot.</p>
      ) : (
        <ScatterChart points={points} label={`${fieldLabel(y)} against ${fieldLabel(x)}`} xLog={xLog} xCategories={categories} />
      )}
      <p className="muted scatter-note">
        {points.length} of {runs.length} runs have both values
        {y && points.length > 0 ? ` · lowest ${fieldLabel(y)}: ${formatNumber(Math.min(...points.map((p) => p.y)))}` : ''}
      </p>
    </section>
  );
}
