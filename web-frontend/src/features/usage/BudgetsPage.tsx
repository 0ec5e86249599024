import { useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { OnlyAdmins } from '../../components/OnlyAdmins.tsx';
import { Problem } from '../../components/Problem.tsx';
import { UsageSectionTabs } from '../../components/SectionTabs.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { Toast, type ToastMessage } from '../../components/Toast.tsx';
import { formatNumber } from '../../lib/format.ts';
import { formatMeter, formatMeterExact, formatMoney, isMeter, METER_INFO } from '../../lib/meters.ts';
import { useProjects } from '../../lib/projects.ts';
import { atLeast, useCaller } from '../../lib/roles.ts';
import { useBudgetAlerts, useBudgets, useDeleteBudget, usePlanCurrency, type BudgetAlert, type BudgetStatus } from './api.ts';
import { BudgetEditor } from './BudgetEditor.tsx';
import { formatPercent, levelOf, type Budget } from './budgetForm.ts';
import './usage.css';

const route = getRouteApi('/shell/budgets');

/** `/budgets`: monthly budgets with this month's standing, the editor (`edit` in the URL), and the alert history. */
export function BudgetsPage() {
  const caller = useCaller();
  const allowed = atLeast(caller.role, 'ADMIN');
  return (
    <div className="page usage-page">
      <Breadcrumbs items={[{ label: caller.slug, to: '/' }, { label: 'usage', to: '/usage' }, { label: 'budgets' }]} />
      <h1>Budgets</h1>
      <p className="lead">
        Monthly limits on usage, for the organisation or one project, that alert by email, in the app and by webhook, and can
        stop new data at a hard cap.
      </p>
      <UsageSectionTabs />
      {allowed ? <Budgets /> : <OnlyAdmins what="budgets" organisation={caller.organisation} />}
    </div>
  );
}

function Budgets() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const budgets = useBudgets();
  const alerts = useBudgetAlerts();
  const projects = useProjects();
  const currency = usePlanCurrency();
  const [toast, setToast] = useState<ToastMessage | undefined>(undefined);
  const projectName = (id: string | undefined) =>
    id ? ((projects.data ?? []).find((p) => p.id === id)?.name ?? `project ${id.slice(0, 8)}`) : 'Organisation';
  const editing = search.edit;
  const edited = editing && editing !== 'new' ? budgets.data?.find((b) => b.budget?.id === editing)?.budget : undefined;
  const close = () => navigate({ search: {} });

  return (
    <>
      <div className="usage-section-head">
        <h2 className="usage-h2">This month</h2>
        {!editing ? (
          <button type="button" className="button primary" onClick={() => navigate({ search: { edit: 'new' } })}>
            New budget
          </button>
        ) : null}
      </div>
      {editing && (editing === 'new' || edited) ? (
        <BudgetEditor
          key={editing}
          budget={edited}
          projects={(projects.data ?? []).map((p) => ({ id: p.id!, name: p.name ?? p.slug ?? p.id! }))}
          currency={currency.data ?? 'USD'}
          onDone={(message) => {
            close();
            if (message) setToast({ text: message });
          }}
          onCancel={close}
        />
      ) : editing && budgets.isSuccess ? (
        <div className="problem" role="alert">
          <strong>Not found</strong> <span>That budget no longer exists.</span>{' '}
          <button type="button" className="link-button" onClick={close}>
            Close
          </button>
        </div>
      ) : null}
      {budgets.isError ? <Problem error={budgets.error} what="Budgets" /> : null}
      {budgets.isPending ? (
        <Skeleton height={96} />
      ) : budgets.data && budgets.data.length === 0 && !editing ? (
        <div className="empty-state">
          <h2>No budgets yet</h2>
          <p>
            A budget watches one meter (data points, tracked hours or storage) or the money value of all usage, for the whole
            organisation or one project, every calendar month (UTC). At each threshold (50, 80 and 100 % unless you choose
            others) owners and admins get an email and an in-app notice, and your webhook a signed POST. With a hard cap, new
            data is refused with 429 once the limit is reached, until the month ends or you raise the limit.
          </p>
          <button type="button" className="button primary" onClick={() => navigate({ search: { edit: 'new' } })}>
            Create the first budget
          </button>
        </div>
      ) : budgets.data && budgets.data.length > 0 ? (
        <BudgetTable
          rows={budgets.data}
          projectName={projectName}
          onEdit={(id) => navigate({ search: { edit: id } })}
          onDeleted={(name) => setToast({ text: `Deleted budget “${name}”.` })}
        />
      ) : null}
      <h2 className="usage-h2">Alert history</h2>
      <AlertHistory alerts={alerts} budgets={budgets.data ?? []} />
      <Toast message={toast} onClose={() => setToast(undefined)} />
    </>
  );
}

/** A budget's limit or usage in its own unit: a meter's (points, h, GB-hours) or money. */
function amount(budget: Budget | undefined, value: number | string | undefined): { text: string; exact: string } {
  // A deleted budget's alerts keep their numbers but not its unit.
  if (!budget) return { text: formatNumber(Number(value ?? 0)), exact: String(value ?? '') };
  if (budget && isMeter(budget.meter)) return { text: formatMeter(budget.meter, value), exact: formatMeterExact(budget.meter, value) };
  const money = formatMoney(value, budget?.limitAmount?.currency);
  return { text: money, exact: money };
}

function limitOf(budget: Budget | undefined) {
  return amount(budget, isMeter(budget?.meter) ? budget?.limitQuantity : budget?.limitAmount?.amount);
}

function BudgetTable({
  rows,
  projectName,
  onEdit,
  onDeleted,
}: {
  rows: BudgetStatus[];
  projectName: (id: string | undefined) => string;
  onEdit: (id: string) => void;
  onDeleted: (name: string) => void;
}) {
  const remove = useDeleteBudget();
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  return (
    <div className="table-scroll">
      <table className="usage-table budgets-table" aria-label="Budgets">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col" className="num">Limit</th>
            <th scope="col">Used this month</th>
            <th scope="col" className="num">Forecast</th>
            <th scope="col">Thresholds</th>
            <th scope="col">Hard cap</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const budget = row.budget!;
            const percent = Number(row.percent ?? 0);
            const level = levelOf(percent, budget.thresholds ?? []);
            const used = amount(budget, row.used);
            const forecast = amount(budget, row.forecast);
            const limit = limitOf(budget);
            const kind = isMeter(budget.meter) ? METER_INFO[budget.meter].label : `Money (${budget.limitAmount?.currency})`;
            return (
              <tr key={budget.id}>
                <td className="budget-name" title={`${budget.name}: ${kind}; alerts by email and in the app${budget.webhookUrl ? `, and to ${budget.webhookUrl}` : ''}`}>
                  {budget.name}
                  {budget.webhookUrl ? <span className="chip webhook-chip">webhook</span> : null}
                </td>
                <td>{projectName(budget.project)}</td>
                <td className="num" title={`${kind}: ${limit.exact}`}>
                  {limit.text}
                </td>
                <td>
                  <div className="used-cell">
                    <div
                      className={`budget-bar ${level}`}
                      role="meter"
                      aria-label={`${budget.name}: ${Math.round(percent)} % used`}
                      aria-valuenow={Math.round(percent)}
                      aria-valuemin={0}
                      aria-valuemax={100}
                    >
                      <span style={{ width: `${Math.min(100, percent)}%` }} />
                    </div>
                    <span className="num" title={used.exact}>
                      {formatPercent(percent)} % · {used.text}
                    </span>
                  </div>
                </td>
                <td className="num" title={forecast.exact}>
                  {forecast.text}
                </td>
                <td>{(budget.thresholds ?? []).join(', ')} %</td>
                <td>{budget.hardCap ? <span className={`chip${row.reached ? ' chip-danger' : ''}`}>{row.reached ? 'Reached: refusing' : 'On'}</span> : <span className="muted">Off</span>}</td>
                <td className="row-actions">
                  {confirming === budget.id ? (
                    <>
                      <button
                        type="button"
                        className="button danger"
                        disabled={remove.isPending}
                        onClick={() =>
                          remove.mutate(budget.id!, {
                            onSuccess: () => {
                              setConfirming(undefined);
                              onDeleted(budget.name ?? '');
                            },
                          })
                        }
                      >
                        Delete “{budget.name}”
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" className="button" aria-label={`Edit ${budget.name}`} onClick={() => onEdit(budget.id!)}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Delete ${budget.name}`}
                        title="Deleting a budget removes it and its alert history for good"
                        onClick={() => setConfirming(budget.id)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {remove.isError ? <Problem error={remove.error} what="Deleting the budget" /> : null}
    </div>
  );
}

function delivery(status: string | undefined, channel: BudgetAlert['email']): string {
  if (!status || status === 'NONE') return '–';
  const words: Record<string, string> = {
    SENT: 'sent',
    PENDING: 'retrying',
    FAILED: 'failed',
    NOT_CONFIGURED: 'mail not set up',
    NO_RECIPIENTS: 'no recipients',
    REFUSED: 'refused',
  };
  const attempts = channel?.attempts ? ` (${channel.attempts} ${channel.attempts === 1 ? 'attempt' : 'attempts'})` : '';
  return `${words[status] ?? status.toLowerCase()}${attempts}`;
}

function AlertHistory({ alerts, budgets }: { alerts: ReturnType<typeof useBudgetAlerts>; budgets: BudgetStatus[] }) {
  if (alerts.isPending) return <Skeleton height={64} />;
  if (alerts.isError) return <Problem error={alerts.error} what="Alert history" />;
  const items = alerts.data.items ?? [];
  if (items.length === 0) {
    return (
      <p className="muted">
        No threshold crossed yet. Each threshold alerts once per budget and month; crossed ones are listed here with how the
        email and the webhook were delivered.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="usage-table" aria-label="Alert history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Budget</th>
            <th scope="col" className="num">Threshold</th>
            <th scope="col" className="num">Used of limit</th>
            <th scope="col">Email</th>
            <th scope="col">Webhook</th>
          </tr>
        </thead>
        <tbody>
          {items.map((alert) => {
            const budget = budgets.find((b) => b.budget?.id === alert.budgetId)?.budget;
            return (
              <tr key={`${alert.budgetId}-${alert.periodStart}-${alert.threshold}`}>
                <td>
                  <RelativeTime iso={alert.crossedAt} />
                </td>
                <td>{alert.budgetName}</td>
                <td className="num">{alert.threshold} %</td>
                <td className="num">
                  {amount(budget, alert.used).text} of {amount(budget, alert.limit).text}
                </td>
                <td title={alert.email?.lastError ?? ''}>{delivery(alert.emailStatus, alert.email)}</td>
                <td title={alert.webhook?.lastError ?? ''}>{delivery(alert.webhookStatus, alert.webhook)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
