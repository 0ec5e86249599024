import { useCallback, useState } from 'react';
import { usePeople } from '../../lib/people.ts';
import { fetchComments, fetchReport, fetchReportData } from './api.ts';
import { Comments } from './Comments.tsx';
import { formatInstant } from './format.ts';
import { LoadingReport, ReportFailure, ReportPage } from './ReportPage.tsx';
import type { Comment } from './types.ts';
import { useLoad, type Load } from './useLoad.ts';

/** /reports/{id}: a report read by a signed-in member of its organisation (browser session), with its comments. */
export function MemberReportScreen({ reportId }: { reportId: string }) {
  const [attempt, setAttempt] = useState(0);
  const report = useLoad(reportId, attempt, (signal) => fetchReport(reportId, signal));
  const data = useLoad(reportId, attempt, (signal) => fetchReportData(reportId, signal));
  const loadedComments = useLoad(reportId, attempt, (signal) => fetchComments(reportId, signal));
  const [posted, setPosted] = useState<Comment[]>([]);
  const onPosted = useCallback((comment: Comment) => setPosted((list) => [...list, comment]), []);
  // Versions record actor ids (USER:<uuid>); members read names.
  const person = usePeople();

  if (report.kind === 'loading') return <LoadingReport />;
  if (report.kind === 'failed') {
    return <ReportFailure failure={report.failure} shared={false} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  const view = report.value;
  const comments: Load<Comment[]> =
    loadedComments.kind === 'loaded' ? { kind: 'loaded', value: [...loadedComments.value, ...posted] } : loadedComments;
  return (
    <ReportPage
      report={view}
      data={data}
      meta={
        <>
          Version {view.version} · saved by {person(view.updatedBy)} {formatInstant(view.updatedAt)} · created by{' '}
          {person(view.createdBy)}
        </>
      }
    >
      <Comments reportId={view.id} blocks={view.blocks} comments={comments} onPosted={onPosted} />
    </ReportPage>
  );
}
