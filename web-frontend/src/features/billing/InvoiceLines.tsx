import { Fragment } from 'react';
import { formatSi } from '../../lib/format.ts';
import { EmptyRow } from '../../components/EmptyRow.tsx';
import { LineChart } from '../../components/charts/LineChart.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { formatMeter, formatMeterExact, meterColor, formatMoney, isMeter, METER_INFO, toDisplayUnit } from '../../lib/meters.ts';
import { useProjects } from '../../lib/projects.ts';
import { useLineUsage, type Invoice } from './api.ts';
import { summariseRollups } from './pricing.ts';

const QUANTITY = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

/**
 * An invoice's lines (draft or finalized): what was used, in the plan's price unit, at what price, and the amount;
 * each line opens the usage behind it (`line` in the URL) with its tier breakdown.
 */
export function InvoiceLines({
  invoice,
  open,
  onOpen,
}: {
  invoice: Invoice;
  open: number | undefined;
  onOpen: (line: number | undefined) => void;
}) {
  const lines = invoice.lines ?? [];
  const currency = invoice.currency;
  return (
    <div className="table-scroll">
      <table className="usage-table invoice-table" aria-label={invoice.id ? 'Invoice lines' : 'Draft invoice lines'}>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Already billed</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">
              <span className="visually-hidden">Usage</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 ? <EmptyRow columns={6}>No lines: nothing was used in this period.</EmptyRow> : null}
          {lines.map((line) => {
            const isOpen = open === line.number;
            return (
              <Fragment key={line.number}>
                <tr className={isOpen ? 'open' : undefined}>
                  <td>
                    <div>{line.description}</div>
                    <div className="muted line-meta">
                      {line.kind === 'ADJUSTMENT' ? `adjustment for ${line.ratedPeriod?.month} · ` : ''}
                      {isMeter(line.meter) ? `${formatMeter(line.meter, line.quantity)} used` : ''}
                    </div>
                  </td>
                  <td className="num" title={`${line.quantity} ${line.baseUnit}s`}>
                    {QUANTITY.format(Number(line.quantityInUnit ?? 0))} {line.unit}
                  </td>
                  <td className="num">{line.unitPrice === undefined || line.unitPrice === null ? 'tiered' : formatMoney(line.unitPrice, currency)}</td>
                  <td className="num">{Number(line.alreadyBilled ?? 0) === 0 ? '–' : formatMoney(line.alreadyBilled, currency)}</td>
                  <td className="num">
                    <b>{formatMoney(line.amount, currency)}</b>
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button"
                      aria-expanded={isOpen}
                      aria-label={`${isOpen ? 'Hide' : 'Show'} the usage behind line ${line.number}`}
                      onClick={() => onOpen(isOpen ? undefined : line.number)}
                    >
                      {isOpen ? 'Hide usage' : 'Usage'}
                    </button>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="line-detail">
                    <td colSpan={6}>
                      <LineDetail invoice={invoice} number={line.number!} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4} className="num">
              Total
            </th>
            <td className="num">
              <b>{formatMoney(invoice.total, currency)}</b>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function LineDetail({ invoice, number }: { invoice: Invoice; number: number }) {
  const usage = useLineUsage(invoice.id, number);
  const projects = useProjects();
  const line = invoice.lines?.find((l) => l.number === number);
  const meter = isMeter(usage.data?.meter) ? usage.data.meter : isMeter(line?.meter) ? line.meter : undefined;
  const name = (id: string) => (projects.data ?? []).find((p) => p.id === id)?.name ?? (id ? `project ${id.slice(0, 8)}` : 'no project');
  return (
    <section className="line-usage" aria-label={`Usage behind line ${number}`}>
      {line && (line.tiers ?? []).length > 0 ? (
        <table className="usage-table tiers" aria-label={`Tiers of line ${number}`}>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" className="num">Quantity ({line.unit})</th>
              <th scope="col" className="num">Unit price</th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {(line.tiers ?? []).map((tier, i) => (
              <tr key={i}>
                <td>
                  {tier.tier}
                  {tier.plan ? <span className="muted"> · {tier.plan} plan</span> : null}
                </td>
                <td className="num">{QUANTITY.format(Number(tier.quantity ?? 0))}</td>
                <td className="num">{formatMoney(tier.unitPrice, invoice.currency)}</td>
                <td className="num">{formatMoney(tier.amount, invoice.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {usage.isPending ? (
        <Skeleton height={200} />
      ) : usage.isError ? (
        <Problem error={usage.error} what="The usage behind this line" />
      ) : !meter ? null : (
        (() => {
          const summary = summariseRollups(usage.data.hours ?? [], usage.data.ratedPeriod);
          return (
            <div className="line-usage-grid">
              <figure className="chart-panel" aria-label={`Line ${number} usage per day`}>
                <figcaption>
                  <span className="panel-key">
                    {METER_INFO[meter].label} per day, {usage.data.ratedPeriod?.month}
                  </span>
                  <span className="muted panel-meta">
                    {METER_INFO[meter].unit} · {(usage.data.hours ?? []).length} hourly roll-ups · total{' '}
                    {formatMeter(meter, usage.data.total)}
                  </span>
                </figcaption>
                <LineChart
                  lines={[
                    {
                      id: meter,
                      label: METER_INFO[meter].label,
                      color: meterColor(meter),
                      x: summary.days.map((d) => d.day),
                      y: summary.days.map((d) => toDisplayUnit(meter, d.quantity)),
                    },
                  ]}
                  xKind="day"
                  formatY={formatSi}
                  label={`${METER_INFO[meter].label} per day behind line ${number}`}
                />
              </figure>
              <table className="usage-table" aria-label={`Line ${number} by project`}>
                <thead>
                  <tr>
                    <th scope="col">Project</th>
                    <th scope="col" className="num">{METER_INFO[meter].label}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.projects.map((row) => (
                    <tr key={row.project}>
                      <td>{name(row.project)}</td>
                      <td className="num" title={formatMeterExact(meter, row.quantity)}>
                        {formatMeter(meter, row.quantity)}
                      </td>
                    </tr>
                  ))}
                  {summary.projects.length === 0 ? <EmptyRow columns={2}>No usage behind this line.</EmptyRow> : null}
                </tbody>
              </table>
            </div>
          );
        })()
      )}
    </section>
  );
}
