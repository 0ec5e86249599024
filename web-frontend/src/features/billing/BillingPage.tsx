import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { OnlyAdmins } from '../../components/OnlyAdmins.tsx';
import { Problem } from '../../components/Problem.tsx';
import { UsageSectionTabs } from '../../components/SectionTabs.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { formatAbsolute } from '../../lib/format.ts';
import { formatMoney } from '../../lib/meters.ts';
import { atLeast, useCaller } from '../../lib/roles.ts';
import { useDraft, useInvoices, useOpenPortal, usePlan, type Invoice, type Plan } from './api.ts';
import { InvoiceLines } from './InvoiceLines.tsx';
import { modeWords, PRICE_METER, PRICE_UNIT, tierRows } from './pricing.ts';
import './billing.css';

const route = getRouteApi('/shell/billing');

export const FREE_VIEWERS = 'Viewers are free and unlimited; you pay for data, never seats.';

/** `/billing`: the plan and its prices, the running draft with each line's usage (`line`), past invoices, the portal. */
export function BillingPage() {
  const caller = useCaller();
  const allowed = atLeast(caller.role, 'ADMIN');
  return (
    <div className="page usage-page">
      <Breadcrumbs items={[{ label: caller.slug, to: '/' }, { label: 'billing' }]} />
      <h1>Billing</h1>
      <p className="lead">Your plan, what this month costs so far, and past invoices. {FREE_VIEWERS}</p>
      <UsageSectionTabs />
      {allowed ? <Billing owner={atLeast(caller.role, 'OWNER')} /> : <OnlyAdmins what="billing" organisation={caller.organisation} />}
    </div>
  );
}

function Billing({ owner }: { owner: boolean }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const plan = usePlan();
  const draft = useDraft();
  const invoices = useInvoices();
  return (
    <>
      <section aria-label="Plan" className="billing-section">
        <div className="usage-section-head">
          <h2 className="usage-h2">Plan</h2>
          <PortalButton owner={owner} />
        </div>
        {plan.isPending ? <Skeleton height={120} /> : plan.isError ? <Problem error={plan.error} what="Plan" /> : <PlanPrices plan={plan.data.current} changes={plan.data.changes ?? []} />}
      </section>
      <section aria-label="This month so far" className="billing-section">
        <div className="usage-section-head">
          <h2 className="usage-h2">This month so far{draft.data?.period?.month ? ` (${draft.data.period.month})` : ''}</h2>
          {draft.data ? (
            <span className="muted">
              Draft, recomputed from usage on every visit · total <b className="num">{formatMoney(draft.data.total, draft.data.currency)}</b>
            </span>
          ) : null}
        </div>
        {draft.isPending ? (
          <Skeleton height={140} />
        ) : draft.isError ? (
          <Problem error={draft.error} what="Draft invoice" />
        ) : (
          <InvoiceLines
            invoice={draft.data}
            open={search.line}
            onOpen={(line) => navigate({ search: line === undefined ? {} : { line }, replace: true })}
          />
        )}
      </section>
      <section aria-label="Past invoices" className="billing-section">
        <h2 className="usage-h2">Past invoices</h2>
        {invoices.isPending ? (
          <Skeleton height={64} />
        ) : invoices.isError ? (
          <Problem error={invoices.error} what="Invoices" />
        ) : (invoices.data.items ?? []).length === 0 ? (
          <p className="muted">
            No invoices yet. Each month closes into an invoice on the 1st (UTC); this month's draft above becomes the first one.
          </p>
        ) : (
          <InvoiceList invoices={invoices.data.items ?? []} />
        )}
      </section>
    </>
  );
}

function PlanPrices({ plan, changes }: { plan: Plan | undefined; changes: { effectiveFrom?: string; plan?: Plan }[] }) {
  if (!plan) return null;
  return (
    <>
      <p className="plan-name">
        <b>{plan.name === 'public' ? 'Public plan' : `${plan.name} plan`}</b> <span className="muted">· prices in {plan.currency} · {FREE_VIEWERS}</span>
      </p>
      <div className="price-grid">
        {(plan.prices ?? []).map((price) => (
          <table key={price.unit} className="usage-table price-table" aria-label={`${PRICE_METER[price.unit ?? ''] ?? price.unit} prices`}>
            <caption>
              <b>{PRICE_METER[price.unit ?? ''] ?? price.unit}</b> <span className="muted">per {PRICE_UNIT[price.unit ?? ''] ?? price.unit}, {modeWords(price.mode)}</span>
            </caption>
            <tbody>
              {tierRows(price).map((row, i) => (
                <tr key={i}>
                  <td>{row.label}</td>
                  <td className="num">{row.unitPrice === undefined ? 'free' : `${formatMoney(row.unitPrice, plan.currency)} each`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      {changes.length > 0 ? (
        <p className="muted">
          Plan changes:{' '}
          {changes.map((change, i) => (
            <span key={i}>
              {i > 0 ? ', ' : ''}
              {change.plan?.name} from {change.effectiveFrom?.slice(0, 10)}
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function PortalButton({ owner }: { owner: boolean }) {
  const portal = useOpenPortal();
  if (!owner) return <span className="muted">Only owners manage payment methods and receipts.</span>;
  const failure = portal.error
    ? isApiError(portal.error) && (portal.error.status === 409 || portal.error.status >= 500)
      ? `The payment portal is not available right now${portal.error.detail ? ` (${portal.error.detail})` : ''}. Your invoices and usage are all here; try the portal again later.`
      : undefined
    : undefined;
  return (
    <div className="portal">
      <button type="button" className="button" disabled={portal.isPending} onClick={() => portal.mutate()}>
        {portal.isPending ? 'Opening…' : 'Payment methods and receipts ↗'}
      </button>
      {failure ? (
        <div className="problem portal-problem" role="alert">
          {failure}
        </div>
      ) : portal.error ? (
        <Problem error={portal.error} what="Payment portal" />
      ) : null}
    </div>
  );
}

const STATUS: Record<string, string> = {
  FINALIZED: 'Due',
  PAID: 'Paid',
  PAYMENT_FAILED: 'Payment failed',
  VOID: 'Void',
  DRAFT: 'Draft',
};

function InvoiceList({ invoices }: { invoices: Invoice[] }) {
  return (
    <table className="usage-table" aria-label="Past invoices">
      <thead>
        <tr>
          <th scope="col">Period</th>
          <th scope="col">Status</th>
          <th scope="col">Finalized</th>
          <th scope="col" className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <td>
              <Link to="/billing/invoices/$invoiceId" params={{ invoiceId: invoice.id! }}>
                {invoice.period?.month}
              </Link>
            </td>
            <td>
              <span className={`chip status-${(invoice.status ?? '').toLowerCase()}`}>{STATUS[invoice.status ?? ''] ?? invoice.status}</span>
            </td>
            <td title={formatAbsolute(invoice.finalizedAt)}>{invoice.finalizedAt?.slice(0, 10)}</td>
            <td className="num">{formatMoney(invoice.total, invoice.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { STATUS };
