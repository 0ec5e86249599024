import { formatInstant } from './format.ts';
import { loadOf } from './load.ts';
import { useSharedReport, useSharedReportData } from './queries.ts';
import { LoadingReport, ReportFailure, ReportPage } from './ReportPage.tsx';

/**
 * /shared/{token}: a report read through a share link, by anyone holding it. No credentials are sent (see api.ts);
 * report text is rendered without raw HTML, and links in it carry no referrer, so the token stays in this page.
 */
export function SharedReportScreen({ token }: { token: string }) {
  const reportQuery = useSharedReport(token);
  const dataQuery = useSharedReportData(token);
  const report = loadOf(reportQuery);
  const data = loadOf(dataQuery);
  if (report.kind === 'loading') return <LoadingReport />;
  if (report.kind === 'failed') {
    return (
      <ReportFailure
        failure={report.failure}
        shared
        onRetry={() => {
          void reportQuery.refetch();
          void dataQuery.refetch();
        }}
      />
    );
  }
  const view = report.value;
  return (
    <ReportPage
      report={view}
      data={data}
      shareToken={token}
      meta={
        <>
          Shared report · version {view.version}
          {view.snapshotAt ? ` · snapshot of ${formatInstant(view.snapshotAt)}` : ' · live'}
          {view.expiresAt ? ` · link expires ${formatInstant(view.expiresAt)}` : ''}
        </>
      }
    />
  );
}
