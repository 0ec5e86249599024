import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { OnlyAdmins } from '../../components/OnlyAdmins.tsx';
import { Problem } from '../../components/Problem.tsx';
import { UsageSectionTabs } from '../../components/SectionTabs.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { formatAbsolute } from '../../lib/format.ts';
import { formatMoney } from '../../lib/meters.ts';
import { atLeast, useCaller } from '../../lib/roles.ts';
import { useDownloadInvoice, useInvoice } from './api.ts';
import { FREE_VIEWERS, STATUS } from './BillingPage.tsx';
import { InvoiceLines } from './InvoiceLines.tsx';
import './billing.css';

const route = getRouteApi('/shell/billing/invoices/$invoiceId');

/** `/billing/invoices/{id}`: one finalized invoice, its lines with their usage (`line`), and its download (owners). */
export function InvoicePage() {
  const caller = useCaller();
  const { invoiceId } = route.useParams();
  const allowed = atLeast(caller.role, 'ADMIN');
  return (
    <div className="page usage-page">
      <Breadcrumbs items={[{ label: caller.slug, to: '/' }, { label: 'billing', to: '/billing' }, { label: 'invoice' }]} />
      {allowed ? <Invoice invoiceId={invoiceId} owner={atLeast(caller.role, 'OWNER')} /> : (
        <>
          <h1>Invoice</h1>
          <UsageSectionTabs />
          <OnlyAdmins what="invoices" organisation={caller.organisation} />
        </>
      )}
    </div>
  );
}

function Invoice({ invoiceId, owner }: { invoiceId: string; owner: boolean }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const invoice = useInvoice(invoiceId);
  const download = useDownloadInvoice();
  if (invoice.isPending) {
    return (
      <>
        <Skeleton width={280} height={24} />
        <Skeleton height={160} />
      </>
    );
  }
  if (invoice.isError) {
    return (
      <>
        <h1>Invoice</h1>
        <Problem error={invoice.error} what="Invoice" />
        <p>
          <Link to="/billing">Back to billing</Link>
        </p>
      </>
    );
  }
  const data = invoice.data;
  return (
    <>
      <div className="usage-section-head">
        <h1>Invoice for {data.period?.month}</h1>
        {owner ? (
          <button type="button" className="button" disabled={download.isPending} onClick={() => download.mutate(data)}>
            {download.isPending ? 'Preparing…' : 'Download (HTML)'}
          </button>
        ) : (
          <span className="muted">Owners download invoices.</span>
        )}
      </div>
      <p className="lead">
        <span className={`chip status-${(data.status ?? '').toLowerCase()}`}>{STATUS[data.status ?? ''] ?? data.status}</span> finalized{' '}
        <span title={formatAbsolute(data.finalizedAt)}>{data.finalizedAt?.slice(0, 10)}</span> · total{' '}
        <b className="num">{formatMoney(data.total, data.currency)}</b> · {FREE_VIEWERS}
      </p>
      <UsageSectionTabs />
      {download.isError ? <Problem error={download.error} what="Download" /> : null}
      <InvoiceLines
        invoice={data}
        open={search.line}
        onOpen={(line) => navigate({ search: line === undefined ? {} : { line }, replace: true })}
      />
    </>
  );
}
