import { Fragment, useMemo, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ChartControls, ChartPanel, useAxisZoom, type ChartSettings } from '../../components/charts/ChartPanel.tsx';
import { type Line } from '../../components/charts/LineChart.tsx';
import { ema } from '../../components/charts/chartMath.ts';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { runColor } from '../../lib/colors.ts';
import { formatAbsolute, formatDuration, formatNumber } from '../../lib/format.ts';
import { usePeople } from '../../lib/people.ts';
import { useProject } from '../../lib/projects.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { canWriteRuns, useSession } from '../../lib/session.ts';
import { bucketLine, useSeries, type QuerySeries, type XAxis } from '../../lib/series.ts';
import { useLiveFollow, useRun, type RunView } from './api.ts';
import { flattenConfig, searchConfig, sectionsOf } from './grouping.ts';
import { MetricRename } from './MetricRename.tsx';
import { Notes, Tags } from './RunEditing.tsx';
import { ArtifactSummaryLink, RunArtifacts } from './RunArtifacts.tsx';
import { commandPieces, shortCommit, sourceFacts, SOURCE_TAG_KEYS } from './source.ts';
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
              <StateBadge state={view.state ?? 'RUNNING'} active={view.active} lastActivity={view.lastActivityTime} />
              {running ? <span className="muted live-note">following live</span> : null}
              <ArtifactSummaryLink runId={view.id!} />
            </>
          ) : (
            <Skeleton width={320} height={24} />
          )}
        </header>
        {view ? (
          <Charts
            run={view}
            editable={canWriteRuns(session.data)}
            xAxis={search.x ?? 'step'}
            smoothing={search.smooth ?? 0}
            onSettings={(changes) =>
              navigate({
                search: (prev) =>
                  patchSearch(prev, {
                    ...('x' in changes ? { x: changes.x === 'step' ? undefined : changes.x } : {}),
                    ...('smoothing' in changes ? { smooth: changes.smoothing || undefined } : {}),
                  }),
                replace: true,
              })
            }
          />
        ) : (
          <div className="chart-grid">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={250} />
            ))}
          </div>
        )}
        {view ? <RunArtifacts runId={view.id!} /> : null}
      </div>
      <aside className="run-side" aria-label="Run details">
        {view ? <Overview run={view} editable={canWriteRuns(session.data)} /> : <Skeleton height={200} />}
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

function Charts({
  run,
  editable,
  xAxis,
  smoothing,
  onSettings,
}: {
  run: RunView;
  editable: boolean;
  xAxis: XAxis;
  smoothing: number;
  onSettings: (changes: Partial<ChartSettings>) => void;
}) {
  const keys = useMemo(() => (run.metrics ?? []).map((m) => m.key!).filter(Boolean), [run.metrics]);
  const sections = useMemo(() => sectionsOf(keys), [keys]);
  const [range, setRange] = useAxisZoom(xAxis);
  const runIds = useMemo(() => [run.id!], [run.id]);
  const series = useSeries(runIds, keys, xAxis, range, 300);
  const byKey = useMemo(() => {
    const map = new Map<string, QuerySeries>();
    for (const s of series.data?.series ?? []) map.set(s.key!, s);
    return map;
  }, [series.data]);

  const controls = (
    <ChartControls
      settings={{ x: xAxis, smoothing }}
      onChange={onSettings}
      zoomed={range !== undefined}
      onResetZoom={() => setRange(undefined)}
    />
  );
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
      {controls}
      {series.isError ? <Problem error={series.error} what="Charts" /> : null}
      {sections.map((section) => (
        <section key={section.name} className="chart-section" aria-labelledby={`section-${section.name}`}>
          <h2 id={`section-${section.name}`}>{section.name === 'system' ? 'System' : section.name}</h2>
          <div className="chart-grid">
            {section.keys.map((key) => (
              <MetricPanel
                key={key}
                run={run}
                editable={editable}
                metricKey={key}
                series={byKey.get(key)}
                loading={series.isPending}
                xAxis={xAxis}
                smoothing={smoothing}
                range={range}
                onZoom={setRange}
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
  editable,
  metricKey,
  series,
  loading,
  xAxis,
  smoothing,
  range,
  onZoom,
}: {
  run: RunView;
  editable: boolean;
  metricKey: string;
  series: QuerySeries | undefined;
  loading: boolean;
  xAxis: XAxis;
  smoothing: number;
  range: [number, number] | undefined;
  onZoom: (range: [number, number] | undefined) => void;
}) {
  const lines = useMemo((): Line[] => {
    const { x, mean, min, max } = bucketLine(series);
    if (x.length === 0) return [];
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
    <ChartPanel
      metricKey={metricKey}
      meta={
        <>
          last {formatNumber(summary?.last)} · min {formatNumber(summary?.min)} · {(summary?.count ?? 0).toLocaleString('en')} pts
          {editable ? (
            <MetricRename projectId={run.projectId!} runId={run.id!} metricKey={metricKey} loggedAs={summary?.loggedAs} />
          ) : summary?.loggedAs ? (
            <span className="muted"> · logged as {summary.loggedAs}</span>
          ) : null}
        </>
      }
      loading={loading}
      lines={lines}
      x={xAxis}
      range={range}
      onZoom={onZoom}
      syncKey={`run-${run.id}`}
    />
  );
}

function Overview({ run, editable }: { run: RunView; editable: boolean }) {
  const person = usePeople();
  const end = run.endTime ? Date.parse(run.endTime) : run.state === 'RUNNING' ? Date.now() : undefined;
  const duration = run.startTime && end !== undefined ? end - Date.parse(run.startTime) : undefined;
  return (
    <section className="side-card" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={run.state ?? 'RUNNING'} active={run.active} lastActivity={run.lastActivityTime} />
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
        {sourceFacts(run.tags).map((fact) => (
          <SourceFact key={fact.key} label={fact.label} tag={fact.key} value={fact.value} />
        ))}
      </dl>
      <h3>Tags</h3>
      <Tags run={run} editable={editable} hidden={SOURCE_TAG_KEYS} />
      <h3>Notes</h3>
      <Notes run={run} editable={editable} />
    </section>
  );
}

/** A logged source fact (host, command, commit…): monospace, the full value (and the tag it came from) on hover. */
function SourceFact({ label, tag, value }: { label: string; tag: string; value: string }) {
  const commit = label === 'Git commit';
  if (label === 'Command') return <CommandFact tag={tag} value={value} />;
  return (
    <>
      <dt>{label}</dt>
      <dd className={`mono ${label === 'Command' ? 'command' : 'ellipsis'}`} title={`${value} (tag ${tag})`}>
        {commit ? shortCommit(value) : value}
      </dd>
    </>
  );
}

/**
 * The command as a block across the card: monospace, wrapping only between words and at `/`, `=` and `,` (never in
 * the middle of a flag or a path segment: each piece is unbreakable, as browsers would otherwise break after any
 * hyphen, `--` included), with a button that copies it whole. A piece wider than the card scrolls sideways.
 */
function CommandFact({ tag, value }: { tag: string; value: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const copy = () => {
    navigator.clipboard
      .writeText(value)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('failed'))
      .finally(() => window.setTimeout(() => setCopied(undefined), 2000));
  };
  return (
    <>
      <dt className="command-label">Command</dt>
      <dd className="mono command" title={`tag ${tag}`}>
        <button type="button" className="link-button copy-command" onClick={copy} aria-label="Copy the command">
          {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
        <code>
          {commandPieces(value).map((piece, i) => (
            <Fragment key={i}>
              <span className="command-piece">{piece}</span>
              <wbr />
            </Fragment>
          ))}
        </code>
      </dd>
    </>
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
