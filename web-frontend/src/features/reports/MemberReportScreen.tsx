import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { usePeople } from '../../lib/people.ts';
import { Comments } from './Comments.tsx';
import { formatInstant } from './format.ts';
import { loadOf } from './load.ts';
import { reportKeys, useComments, useReport, useReportData } from './queries.ts';
import { LoadingReport, ReportFailure, ReportPage } from './ReportPage.tsx';
import type { Comment } from './types.ts';

/** /reports/{id}: a report read by a signed-in member of its organisation (browser session), with its comments. */
export function MemberReportScreen({ reportId }: { reportId: string }) {
  const queryClient = useQueryClient();
  const reportQuery = useReport(reportId);
  const dataQuery = useReportData(reportId);
  const commentsQuery = useComments(reportId);
  const onPosted = useCallback(
    (comment: Comment) =>
      queryClient.setQueryData<Comment[]>(reportKeys.comments(reportId), (list) => [...(list ?? []), comment]),
    [queryClient, reportId],
  );
  // Versions record actor ids (USER:<uuid>); members read names.
  const person = usePeople();
  const report = loadOf(reportQuery);
  if (report.kind === 'loading') return <LoadingReport />;
  if (report.kind === 'failed') {
    return (
      <ReportFailure
        failure={report.failure}
        shared={false}
        onRetry={() => void queryClient.refetchQueries({ queryKey: reportKeys.report(reportId) })}
      />
    );
  }
  const view = report.value;
  return (
    <ReportPage
      report={view}
      data={loadOf(dataQuery)}
      meta={
        <>
          Version {view.version} · saved by {person(view.updatedBy)} {formatInstant(view.updatedAt)} · created by{' '}
          {person(view.createdBy)}
        </>
      }
    >
      <Comments reportId={view.id} blocks={view.blocks} comments={loadOf(commentsQuery)} onPosted={onPosted} />
    </ReportPage>
  );
}
