import { useMemo, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { LineChart, type Line } from '../../components/charts/LineChart.tsx';
import { ema } from '../../components/charts/chartMath.ts';
import { Markdown } from '../../components/Markdown.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { runColor } from '../../lib/colors.ts';
import { formatAbsolute, formatDuration, formatNumber } from '../../lib/format.ts';
import { usePeople } from '../../lib/people.ts';
import { useProject } from '../../lib/projects.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { useSession } from '../../lib/session.ts';
import { useLiveFollow, useRun, useRunSeries, type QuerySeries, type RunView, type XAxis } from './api.ts';
import { flattenConfig, searchConfig, sectionsOf } from './grouping.ts';
import './run.css';

const route = getRouteApi('/shell/runs/$runId');

/** `/runs/<id>`: what a run is (overview, config), every metric it logged as charts by section, live while it runs. */
export function RunPage() {
  const { runId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const run = useRun(runId);
  const session = useSession();
  const project = useProject(run.data?.projectId ?? '');
  const running = run.data?.state === 'RUNNING';
  useLiveFollow(runId, running);

  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  if (run.isError) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: org, to: '/' }, { label: 'run' }]} />
        <Problem error={run.error} what="Run" />
      </div>
    );
  }
  const view = run.data;
  return (
    <div className="run-page">
      <Breadcrumbs
        items={[
          { label: org, to: '/' },
          ...(view?.projectId
            ? [{ label: project.data?.name ?? '…', to: '/projects/$projectId', params: { projectId: view.projectId } }]
            : []),
          { label: 'runs' },
          { label: view?.name ?? '…' },
        ]}
      />
      <div className="run-main">
        <header className="run-header">
          {view ? (
            <>
              <h1>
                <span className="swatch" style={{ background: runColor(view.id!) }} aria-hidden="true" />
                {view.name}
              </h1>
              <StateBadge state={view.state ?? 'RUNNING'} />
              {running ? <span className="muted live-note">following live</span> : null}
            </>
          ) : (
            <Skeleton width={320} height={24} />
          )}
        </header>
        <ChartControls
          xAxis={search.x ?? 'step'}
          smoothing={search.smooth ?? 0}
          onChange={(changes) => navigate({ search: (prev) => patchSearch(prev, changes), replace: true })}
        />
        {view ? (
          <Charts run={view} xAxis={search.x ?? 'step'} smoothing={search.smooth ?? 0} />
        ) : (
          <div className="chart-grid">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={250} />
            ))}
          </div>
        )}
      </div>
      <aside className="run-side" aria-label="Run details">
        {view ? <Overview run={view} /> : <Skeleton height={200} />}
        {view ? (
          <ConfigTree
            config={view.config}
            query={search.config ?? ''}
            onQuery={(config) => navigate({ search: (prev) => patchSearch(prev, { config: config || undefined }), replace: true })}
          />
        ) : null}
      </aside>
    </div>
  );
}

function ChartControls({
  xAxis,
  smoothing,
  onChange,
}: {
  xAxis: XAxis;
  smoothing: number;
  onChange: (changes: { x?: XAxis | undefined; smooth?: number | undefined }) => void;
}) {
  return (
    <div className="chart-controls" role="group" aria-label="Chart settings">
      <label>
        x-axis{' '}
        <select value={xAxis} onChange={(e) => onChange({ x: e.target.value === 'step' ? undefined : (e.target.value as XAxis) })}>
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
          value={smoothing}
          onChange={(e) => onChange({ smooth: Number(e.target.value) > 0 ? Number(e.target.value) : undefined })}
        />
        <span className="num smoothing-value">{smoothing.toFixed(2)}</span>
      </label>
    </div>
  );
}

function Charts({ run, xAxis, smoothing }: { run: RunView; xAxis: XAxis; smoothing: number }) {
  const keys = useMemo(() => (run.metrics ?? []).map((m) => m.key!).filter(Boolean), [run.metrics]);
  const sections = useMemo(() => sectionsOf(keys), [keys]);
  const [range, setRange] = useState<[number, number] | undefined>(undefined);
  const series = useRunSeries(run.id!, keys, xAxis, range);
  const byKey = useMemo(() => {
    const map = new Map<string, QuerySeries>();
    for (const s of series.data?.series ?? []) map.set(s.key!, s);
    return map;
  }, [series.data]);

  if (keys.length === 0) {
    return (
      <div className="empty-state">
        <h2>No metrics logged yet</h2>
        <p>Charts appear here as soon as the run logs its first point{run.state === 'RUNNING' ? ', and extend by themselves' : ''}.</p>
      </div>
    );
  }
  return (
    <>
      {series.isError ? <Problem error={series.error} what="Charts" /> : null}
      {range ? (
        <p className="zoom-note">
          Zoomed to {formatNumber(range[0])} – {formatNumber(range[1])}.{' '}
          <button type="button" className="button" onClick={() => setRange(undefined)}>
            Reset zoom
          </button>
        </p>
      ) : null}
      {sections.map((section) => (
        <section key={section.name} className="chart-section" aria-labelledby={`section-${section.name}`}>
          <h2 id={`section-${section.name}`}>{section.name === 'system' ? 'System' : section.name}</h2>
          <div className="chart-grid">
            {section.keys.map((key) => (
              <MetricPanel
                key={key}
                run={run}
                metricKey={key}
                series={byKey.get(key)}
                loading={series.isPending}
                xAxis={xAxis}
                smoothing={smoothing}
                range={range}
                onZoom={(min, max) => setRange([min, max])}
                onReset={() => setRange(undefined)}
              />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

function MetricPanel({
  run,
  metricKey,
  series,
  loading,
  xAxis,
  smoothing,
  range,
  onZoom,
  onReset,
}: {
  run: RunView;
  metricKey: string;
  series: QuerySeries | undefined;
  loading: boolean;
  xAxis: XAxis;
  smoothing: number;
  range: [number, number] | undefined;
  onZoom: (min: number, max: number) => void;
  onReset: () => void;
}) {
  const lines = useMemo((): Line[] => {
    const buckets = series?.buckets;
    if (!buckets) return [];
    const x: number[] = [];
    const mean: (number | null)[] = [];
    const min: (number | null)[] = [];
    const max: (number | null)[] = [];
    const n = buckets.start?.length ?? 0;
    for (let i = 0; i < n; i++) {
      if ((buckets.count?.[i] ?? 0) === 0) continue;
      x.push(((buckets.start?.[i] ?? 0) + (buckets.end?.[i] ?? 0)) / 2);
      mean.push(finite(buckets.mean?.[i]));
      min.push(finite(buckets.min?.[i]));
      max.push(finite(buckets.max?.[i]));
    }
    const smoothed = smoothing > 0 ? ema(mean, smoothing) : mean;
    return [
      {
        id: run.id!,
        label: run.name ?? run.id!,
        color: runColor(run.id!),
        x,
        y: smoothed,
        ...(smoothing > 0 ? { raw: mean } : {}),
        band: { min, max },
      },
    ];
  }, [series, smoothing, run.id, run.name]);
  const summary = run.metrics?.find((m) => m.key === metricKey);
  return (
    <figure className="chart-panel" aria-label={metricKey}>
      <figcaption>
        <span className="mono panel-key">{metricKey}</span>
        <span className="muted panel-meta">
          last {formatNumber(summary?.last)} · min {formatNumber(summary?.min)} · {(summary?.count ?? 0).toLocaleString('en')} pts
        </span>
      </figcaption>
      {loading ? (
        <Skeleton height={240} />
      ) : (
        <LineChart
          lines={lines}
          xKind={xAxis}
          xRange={range}
          onZoom={onZoom}
          onResetZoom={onReset}
          syncKey={`run-${run.id}`}
          label={`${metricKey} by ${xAxis}`}
        />
      )}
    </figure>
  );
}

function finite(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

function Overview({ run }: { run: RunView }) {
  const person = usePeople();
  const end = run.endTime ? Date.parse(run.endTime) : run.state === 'RUNNING' ? Date.now() : undefined;
  const duration = run.startTime && end !== undefined ? end - Date.parse(run.startTime) : undefined;
  return (
    <section className="side-card" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={run.state ?? 'RUNNING'} />
        </dd>
        <dt>Started</dt>
        <dd title={formatAbsolute(run.startTime)}>
          <RelativeTime iso={run.startTime} />
        </dd>
        <dt>Duration</dt>
        <dd className="num-left">{formatDuration(duration)}</dd>
        {run.endTime ? (
          <>
            <dt>Ended</dt>
            <dd>
              <RelativeTime iso={run.endTime} />
            </dd>
          </>
        ) : null}
        <dt>User</dt>
        <dd className="ellipsis" title={run.createdBy}>
          {person(run.createdBy)}
        </dd>
        {run.group ? (
          <>
            <dt>Group</dt>
            <dd>{run.group}</dd>
          </>
        ) : null}
        <dt>Run id</dt>
        <dd className="mono ellipsis" title={run.id}>
          {run.id}
        </dd>
      </dl>
      <h3>Tags</h3>
      <div className="tags">
        {Object.entries(run.tags ?? {}).length === 0 ? <span className="muted">No tags</span> : null}
        {Object.entries(run.tags ?? {}).map(([key, value]) => (
          <span key={key} className="chip">
            {key}: {value}
          </span>
        ))}
      </div>
      <h3>Notes</h3>
      {run.notes ? <Markdown text={run.notes} /> : <p className="muted">No notes.</p>}
    </section>
  );
}

function ConfigTree({ config, query, onQuery }: { config: unknown; query: string; onQuery: (q: string) => void }) {
  const rows = useMemo(() => flattenConfig(config ?? {}), [config]);
  const matches = useMemo(() => searchConfig(rows, query), [rows, query]);
  return (
    <section className="side-card" aria-labelledby="config-title">
      <h2 id="config-title">Config</h2>
      <input
        type="search"
        className="config-search"
        aria-label="Search the config"
        placeholder="Search keys and values"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
      />
      {rows.length === 0 ? (
        <p className="muted">This run logged no config.</p>
      ) : query ? (
        <table className="config-table">
          <tbody>
            {matches.map((row) => (
              <tr key={row.path}>
                <th className="mono">{row.path}</th>
                <td className="mono">{row.value}</td>
              </tr>
            ))}
            {matches.length === 0 ? (
              <tr>
                <td className="muted">Nothing matches “{query}”.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : (
        <Tree value={config} />
      )}
    </section>
  );
}

function Tree({ value }: { value: unknown }) {
  if (value === null || typeof value !== 'object') return <span className="mono">{JSON.stringify(value)}</span>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
  return (
    <ul className="tree">
      {entries.map(([key, child]) =>
        child !== null && typeof child === 'object' ? (
          <li key={key}>
            <details open>
              <summary className="mono">{key}</summary>
              <Tree value={child} />
            </details>
          </li>
        ) : (
          <li key={key} className="leaf">
            <span className="mono key">{key}</span> <span className="mono value">{typeof child === 'string' ? child : JSON.stringify(child)}</span>
          </li>
        ),
      )}
    </ul>
  );
}
