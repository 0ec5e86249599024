import { useState } from 'react';
import { fetchSharedReport, fetchSharedReportData } from './api.ts';
import { formatInstant } from './format.ts';
import { LoadingReport, ReportFailure, ReportPage } from './ReportPage.tsx';
import { useLoad } from './useLoad.ts';

/**
 * /shared/{token}: a report read through a share link, by anyone holding it. No credentials are sent (see api.ts);
 * report text is rendered without raw HTML, and links in it carry no referrer, so the token stays in this page.
 */
export function SharedReportScreen({ token }: { token: string }) {
  const [attempt, setAttempt] = useState(0);
  const report = useLoad(token, attempt, (signal) => fetchSharedReport(token, signal));
  const data = useLoad(token, attempt, (signal) => fetchSharedReportData(token, signal));

  if (report.kind === 'loading') return <LoadingReport />;
  if (report.kind === 'failed') {
    return <ReportFailure failure={report.failure} shared onRetry={() => setAttempt((n) => n + 1)} />;
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
