import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { useProjects } from '../../lib/projects.ts';
import { usePeople } from '../../lib/people.ts';
import { canWriteRuns, useSession } from '../../lib/session.ts';
import { blocksFromRuns } from './editing.ts';
import { createReport, listReports } from './editorApi.ts';
import { useProjectRuns } from './projectRuns.ts';
import { formatInstant } from './format.ts';
import './reports.css';

/**
 * /reports?project=<id>: a project's reports, most recently saved first, and (members and above) a new one. The
 * project is in the URL; without one, the first project is shown.
 */
export function ReportsIndex({
  projectId,
  runIds = [],
  onProject,
}: {
  projectId: string | undefined;
  /** Runs picked in the workspace: the new report starts with a chart and a table of them. */
  runIds?: string[];
  onProject: (id: string) => void;
}) {
  const projects = useProjects();
  const session = useSession();
  const person = usePeople();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const chosen = projectId ?? projects.data?.[0]?.id;
  const reports = useQuery({
    queryKey: ['reports', chosen],
    enabled: chosen !== undefined,
    queryFn: ({ signal }) => listReports(chosen!, signal),
  });
  const fromRuns = runIds.length > 0 && projectId !== undefined;
  const projectRuns = useProjectRuns(fromRuns ? projectId : '');
  const [title, setTitle] = useState('');
  const [titleProblem, setTitleProblem] = useState<string | undefined>(undefined);
  const create = useMutation({
    mutationFn: () =>
      createReport(chosen!, {
        title: title.trim(),
        description: '',
        blocks: fromRuns ? blocksFromRuns(runIds, projectRuns.data?.metrics ?? []) : [],
      }),
    onSuccess: (report) => {
      void queryClient.invalidateQueries({ queryKey: ['reports', chosen] });
      void navigate({ to: '/reports/$reportId', params: { reportId: report.id } });
    },
  });
  const canCreate = canWriteRuns(session.data);

  return (
    <div className="reports-index">
      <div className="reports-index-head">
        <h1>Reports</h1>
        {projects.data && projects.data.length > 1 ? (
          <label className="field inline">
            <span className="field-label">Project</span>
            <select value={chosen ?? ''} onChange={(e) => onProject(e.target.value)}>
              {projects.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {canCreate && chosen ? (
        <form
          className="new-report"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim() === '') {
              setTitleProblem('Give the report a title.');
              return;
            }
            setTitleProblem(undefined);
            create.mutate();
          }}
        >
          <label className="field inline">
            <span className="field-label">{fromRuns ? `New report from ${runIds.length} selected runs` : 'New report'}</span>
            <input type="text" value={title} placeholder="e.g. LR sweep, week 49" maxLength={300} aria-invalid={Boolean(titleProblem)}
              onChange={(e) => setTitle(e.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={create.isPending || (fromRuns && projectRuns.isPending)}>
            {create.isPending ? 'Creating…' : 'Create report'}
          </button>
          {titleProblem ? <p role="alert" className="field-problem">{titleProblem}</p> : null}
          {create.error ? <Problem error={create.error} what="The report was not created" /> : null}
        </form>
      ) : null}
      {projects.isError ? <Problem error={projects.error} what="Projects" /> : null}
      {reports.isError ? <Problem error={reports.error} what="Reports" /> : null}
      {projects.isPending || (chosen && reports.isPending) ? (
        <div className="report-rows">
          <Skeleton height={32} />
          <Skeleton height={32} />
          <Skeleton height={32} />
        </div>
      ) : reports.data && reports.data.length === 0 ? (
        <div className="empty-state">
          <h3>No reports in this project yet</h3>
          <p>
            A report puts charts of chosen runs, tables, comparisons and notes on one page, for your team or (with a
            share link) anyone. {canCreate ? 'Name one above to start.' : 'Members of the organisation can create them.'}
          </p>
        </div>
      ) : (
        <table className="reports-table">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col" className="num">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {(reports.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to="/reports/$reportId" params={{ reportId: r.id! }}>
                    {r.title}
                  </Link>
                </td>
                <td className="num">{r.version}</td>
                <td>{r.updatedAt ? formatInstant(r.updatedAt) : ''}</td>
                <td>{person(r.updatedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
