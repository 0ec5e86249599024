import { useMemo } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { formatSi } from '../../lib/format.ts';
import { EmptyRow } from '../../components/EmptyRow.tsx';
import { LineChart, type Line } from '../../components/charts/LineChart.tsx';
import { OnlyAdmins } from '../../components/OnlyAdmins.tsx';
import { Problem } from '../../components/Problem.tsx';
import { UsageSectionTabs } from '../../components/SectionTabs.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { runColor } from '../../lib/colors.ts';
import { formatMeter, formatMeterExact, meterColor, METER_INFO, METERS, toDisplayUnit, type Meter } from '../../lib/meters.ts';
import { useProjects } from '../../lib/projects.ts';
import { atLeast, useCaller } from '../../lib/roles.ts';
import { useBudgets, useCurrentUsage, useMeterSeries, useProjectSeries, type BudgetStatus } from './api.ts';
import { formatPercent, levelOf } from './budgetForm.ts';
import { currentMonth, dailyLine, monthLabel, monthRange, periodState, shiftMonth, type Month } from './period.ts';
import { topProjects } from './usage.ts';
import './usage.css';

const route = getRouteApi('/shell/usage');

/** `/usage`: a month's usage per meter with the forecast, daily charts by meter and by project, the top projects. */
export function UsagePage() {
  const caller = useCaller();
  const allowed = atLeast(caller.role, 'ADMIN');
  return (
    <div className="page usage-page">
      <Breadcrumbs items={[{ label: caller.slug, to: '/' }, { label: 'usage' }]} />
      <h1>Usage</h1>
      <p className="lead">What this organisation used, per meter and per project. Viewers are free and unlimited; you pay for data, never seats.</p>
      <UsageSectionTabs />
      {allowed ? <UsageReport /> : <OnlyAdmins what="usage" organisation={caller.organisation} />}
    </div>
  );
}

function UsageReport() {
  const search = route.useSearch();
  const now = Date.now();
  const month: Month = search.period ?? currentMonth(now);
  const meter: Meter = search.meter ?? 'DATA_POINTS';
  const state = periodState(month, now);
  const current = state.kind === 'current';
  const summary = useCurrentUsage(current);
  const budgets = useBudgets(current);
  const meterSeries = useMeterSeries(month, METERS);
  const projects = useProjects();
  const projectIds = useMemo(() => (projects.data ?? []).map((p) => p.id!).filter(Boolean), [projects.data]);
  const projectSeries = useProjectSeries(month, meter, projectIds);

  const failed = meterSeries.find((q) => q.isError)?.error ?? (current ? summary.error : undefined);
  const totals = METERS.map((m, i) => {
    if (current && summary.data) return Number(summary.data.organisation?.find((u) => u.meter === m)?.used ?? 0);
    return Number(meterSeries[i]?.data?.total ?? 0);
  });
  const loadingTotals = current ? summary.isPending : meterSeries.some((q) => q.isPending);
  const nothing = !loadingTotals && !failed && totals.every((t) => t === 0);

  return (
    <>
      <PeriodBar month={month} now={now} />
      {failed ? <Problem error={failed} what="Usage" /> : null}
      <section aria-label="Totals" className="meter-cards">
        {METERS.map((m, i) => {
          const usage = summary.data?.organisation?.find((u) => u.meter === m);
          const budget = (budgets.data ?? []).find((b) => b.budget?.meter === m && !b.budget?.project);
          return (
            <MeterCard
              key={m}
              meter={m}
              loading={loadingTotals}
              used={totals[i] ?? 0}
              forecast={current && usage ? Number(usage.forecast ?? 0) : undefined}
              monthEnd={monthRange(month).end}
              budget={budget}
            />
          );
        })}
      </section>
      {current ? (
        <p className="muted forecast-note">
          Forecasts are the server's: linear, usage so far × the month's length ÷ the time elapsed (the usage so far during
          the month's first hour). Day {state.day} of {state.days}, {state.daysLeft} {state.daysLeft === 1 ? 'day' : 'days'} left; periods are calendar months in UTC.
        </p>
      ) : (
        <p className="muted forecast-note">
          {state.kind === 'past' ? 'This month is over: these are its final totals.' : 'This month has not started yet.'} Periods are calendar months in UTC.
        </p>
      )}
      {nothing ? (
        <div className="empty-state">
          <h2>Nothing used in {monthLabel(month)}{current ? ' yet' : ''}</h2>
          <p>
            Usage counts metric data points as runs log them, the hours runs spend running, and the artifact bytes kept. It
            shows here within a minute of happening. Start from a <Link to="/">project</Link>: its empty page shows how to log
            the first run.
          </p>
        </div>
      ) : null}
      <h2 className="usage-h2">Daily usage by meter</h2>
      <div className="usage-charts">
        {METERS.map((m, i) => {
          const q = meterSeries[i]!;
          const line = q.data ? dailyLine(q.data.buckets ?? [], month, (v) => toDisplayUnit(m, v), now) : undefined;
          return (
            <figure key={m} className="chart-panel usage-chart" aria-label={`${METER_INFO[m].label} per day`}>
              <figcaption>
                <span className="panel-key">{METER_INFO[m].label} per day</span>
                <span className="muted panel-meta">{METER_INFO[m].unit}, UTC days</span>
              </figcaption>
              {q.isPending ? (
                <Skeleton height={240} />
              ) : q.isError ? (
                <Problem error={q.error} />
              ) : (
                <LineChart
                  lines={[{ id: m, label: METER_INFO[m].label, color: meterColor(m), ...line! }]}
                  xKind="day"
                  formatY={formatSi}
                  syncKey="usage-days"
                  label={`${METER_INFO[m].label} per day in ${monthLabel(month)}`}
                />
              )}
            </figure>
          );
        })}
      </div>
      <ProjectsSection
        month={month}
        meter={meter}
        now={now}
        projects={(projects.data ?? []).map((p) => ({ id: p.id!, name: p.name ?? p.slug ?? p.id! }))}
        loading={projects.isPending || projectSeries.some((q) => q.isPending)}
        error={projects.error ?? projectSeries.find((q) => q.isError)?.error}
        series={projectSeries.map((q) => q.data)}
        forecasts={current ? summary.data?.projects : undefined}
      />
    </>
  );
}

function PeriodBar({ month, now }: { month: Month; now: number }) {
  const navigate = route.useNavigate();
  const thisMonth = currentMonth(now);
  const months = Array.from({ length: 13 }, (_, i) => shiftMonth(thisMonth, -i));
  if (!months.includes(month)) months.push(month);
  const go = (period: Month) =>
    navigate({ search: (prev) => ({ ...prev, period: period === thisMonth ? undefined : period }) as never });
  return (
    <div className="period-bar" role="group" aria-label="Period">
      <button type="button" className="button" aria-label="Previous month" onClick={() => go(shiftMonth(month, -1))}>
        ‹
      </button>
      <label>
        <span className="visually-hidden">Month</span>
        <select className="select" value={month} onChange={(e) => go(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
              {m === thisMonth ? ' (current)' : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        aria-label="Next month"
        disabled={month >= thisMonth}
        onClick={() => go(shiftMonth(month, 1))}
      >
        ›
      </button>
      {month !== thisMonth ? (
        <button type="button" className="link-button" onClick={() => go(thisMonth)}>
          Back to the current month
        </button>
      ) : null}
    </div>
  );
}

function MeterCard({
  meter,
  loading,
  used,
  forecast,
  monthEnd,
  budget,
}: {
  meter: Meter;
  loading: boolean;
  used: number;
  forecast: number | undefined;
  monthEnd: number;
  budget: BudgetStatus | undefined;
}) {
  const info = METER_INFO[meter];
  const percent = budget ? Number(budget.percent ?? 0) : undefined;
  const level = budget && percent !== undefined ? levelOf(percent, budget.budget?.thresholds ?? []) : 'ok';
  const lastDay = new Date(monthEnd - 1).toISOString().slice(5, 10);
  return (
    <article className="meter-card" aria-label={info.label} title={info.explains}>
      <div className="meter-card-label">{info.label}</div>
      {loading ? (
        <Skeleton width={120} height={26} />
      ) : (
        <div className="meter-card-value num" title={formatMeterExact(meter, used)}>
          {formatMeter(meter, used)}
        </div>
      )}
      <div className="muted meter-card-meta">
        {forecast !== undefined ? (
          <span title={formatMeterExact(meter, forecast)}>
            Forecast by {lastDay}: <b className="num">{formatMeter(meter, forecast)}</b>
          </span>
        ) : (
          <span>{info.explains}</span>
        )}
      </div>
      {budget && percent !== undefined ? (
        <div className="meter-budget">
          <div
            className={`budget-bar ${level}`}
            role="meter"
            aria-label={`${budget.budget?.name}: ${Math.round(percent)} % used`}
            aria-valuenow={Math.round(percent)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ width: `${Math.min(100, percent)}%` }} />
          </div>
          <Link to="/budgets" className="muted">
            {formatPercent(percent)} % of “{budget.budget?.name}”{budget.budget?.hardCap ? ' (hard cap)' : ''}
          </Link>
        </div>
      ) : null}
    </article>
  );
}

function ProjectsSection({
  month,
  meter,
  now,
  projects,
  loading,
  error,
  series,
  forecasts,
}: {
  month: Month;
  meter: Meter;
  now: number;
  projects: { id: string; name: string }[];
  loading: boolean;
  error: unknown;
  series: ({ total?: number; buckets?: { start?: string; quantity?: number }[] } | undefined)[];
  forecasts: { meter?: string; project?: string; forecast?: number }[] | undefined;
}) {
  const navigate = route.useNavigate();
  const rows = topProjects(projects, series, meter, forecasts);
  const lines: Line[] = rows
    .filter((row) => row.used > 0)
    .slice(0, 10)
    .map((row) => {
      const index = projects.findIndex((p) => p.id === row.id);
      return {
        id: row.id,
        label: row.name,
        color: runColor(row.id),
        ...dailyLine(series[index]?.buckets ?? [], month, (v) => toDisplayUnit(meter, v), now),
      };
    });
  return (
    <section aria-label="By project">
      <div className="usage-section-head">
        <h2 className="usage-h2">By project</h2>
        <div className="segmented" role="radiogroup" aria-label="Meter">
          {METERS.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={m === meter}
              className={`segment${m === meter ? ' on' : ''}`}
              onClick={() => navigate({ search: (prev) => ({ ...prev, meter: m === 'DATA_POINTS' ? undefined : m }) as never })}
            >
              {METER_INFO[m].label}
            </button>
          ))}
        </div>
      </div>
      {error ? <Problem error={error} what="Usage by project" /> : null}
      <div className="usage-projects">
        <figure className="chart-panel" aria-label={`${METER_INFO[meter].label} per day by project`}>
          <figcaption>
            <span className="panel-key">{METER_INFO[meter].label} per day, by project</span>
            <span className="muted panel-meta">{METER_INFO[meter].unit}, top 10 projects</span>
          </figcaption>
          {loading ? (
            <Skeleton height={240} />
          ) : (
            <LineChart lines={lines} xKind="day"
                  formatY={formatSi} syncKey="usage-days" label={`${METER_INFO[meter].label} per day by project`} />
          )}
        </figure>
        <table className="usage-table" aria-label="Top projects">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col" className="num">{METER_INFO[meter].label}</th>
              <th scope="col" className="num">Share</th>
              {forecasts ? <th scope="col" className="num">Forecast</th> : null}
            </tr>
          </thead>
          <tbody>
            {loading
              ? [0, 1, 2].map((i) => (
                  <tr key={i}>
                    <td colSpan={forecasts ? 4 : 3}>
                      <Skeleton height={14} />
                    </td>
                  </tr>
                ))
              : rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <span className="swatch" style={{ background: runColor(row.id) }} />{' '}
                      <Link to="/projects/$projectId" params={{ projectId: row.id }}>
                        {row.name}
                      </Link>
                    </td>
                    <td className="num" title={formatMeterExact(meter, row.used)}>
                      {formatMeter(meter, row.used)}
                    </td>
                    <td className="num">{row.share === undefined ? '–' : `${row.share.toFixed(1)} %`}</td>
                    {forecasts ? (
                      <td className="num" title={row.forecast === undefined ? '' : formatMeterExact(meter, row.forecast)}>
                        {row.forecast === undefined ? '–' : formatMeter(meter, row.forecast)}
                      </td>
                    ) : null}
                  </tr>
                ))}
            {!loading && rows.length === 0 ? <EmptyRow columns={forecasts ? 4 : 3}>No projects yet.</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      <p className="muted forecast-note">
        Usage is metered per organisation and project; the API does not break it down per run, so there is no top-runs list
        here.
      </p>
    </section>
  );
}
