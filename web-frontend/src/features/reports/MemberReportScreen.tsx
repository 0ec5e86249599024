import { useCallback, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useMembers, usePeople } from '../../lib/people.ts';
import { canWriteRuns, useSession } from '../../lib/session.ts';
import { Comments } from './Comments.tsx';
import { formatInstant } from './format.ts';
import { loadOf } from './load.ts';
import type { Mentionable } from './mentions.ts';
import { reportKeys, useComments, useReport, useReportData } from './queries.ts';
import { ReportEditor, type SidePanel } from './ReportEditor.tsx';
import { LoadingReport, ReportFailure, ReportPage } from './ReportPage.tsx';
import type { Comment } from './types.ts';

/**
 * /reports/{id}: a report read by a signed-in member of its organisation (browser session), with its comments.
 * Members and above edit it in place (ReportEditor); viewers read it, with no edit actions.
 */
export function MemberReportScreen({
  reportId,
  panel,
  onPanel = () => {},
}: {
  reportId: string;
  panel?: SidePanel;
  onPanel?: (panel: SidePanel) => void;
}) {
  const queryClient = useQueryClient();
  const session = useSession();
  const reportQuery = useReport(reportId);
  const dataQuery = useReportData(reportId);
  const commentsQuery = useComments(reportId);
  const members = useMembers().data;
  const mentionable = useMemo<Mentionable[]>(
    () => [...(members?.values() ?? [])].filter((m) => m.email).map((m) => ({ email: m.email!, name: m.displayName || m.email! })),
    [members],
  );
  const onPosted = useCallback(
    (comment: Comment) =>
      queryClient.setQueryData<Comment[]>(reportKeys.comments(reportId), (list) => [...(list ?? []), comment]),
    [queryClient, reportId],
  );
  // Versions record actor ids (USER:<uuid>); members read names.
  const person = usePeople();
  const report = loadOf(reportQuery);
  if (report.kind === 'loading' || session.isPending) return <LoadingReport />;
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
  const comments = (
    <Comments reportId={view.id} blocks={view.blocks} comments={loadOf(commentsQuery)} onPosted={onPosted} members={mentionable} />
  );
  if (canWriteRuns(session.data)) {
    return (
      <ReportEditor report={view} data={loadOf(dataQuery)} person={person} panel={panel} onPanel={onPanel}>
        {comments}
      </ReportEditor>
    );
  }
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
      {comments}
    </ReportPage>
  );
}
