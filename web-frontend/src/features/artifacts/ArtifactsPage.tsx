import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Problem } from '../../components/Problem.tsx';
import { ProjectTabs } from '../../components/ProjectTabs.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { formatBytes } from '../../lib/format.ts';
import { useProject } from '../../lib/projects.ts';
import { useSession } from '../../lib/session.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { useArtifacts } from './api.ts';
import { filterArtifacts, typeCounts } from './logic.ts';
import './artifacts.css';

const route = getRouteApi('/shell/projects/$projectId/artifacts');

/**
 * A project's named artifacts (datasets, models, evaluations, ...) by name, each with its newest version: filter by
 * type (chips with counts) and by name; both live in the URL. A row opens the artifact's page.
 */
export function ArtifactsPage() {
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const project = useProject(projectId);
  const artifacts = useArtifacts(projectId);
  const [text, setText] = useState(search.q ?? '');
  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  const all = artifacts.data ?? [];
  const shown = filterArtifacts(all, search.type, search.q);
  const setQ = (q: string) => navigate({ search: (prev) => patchSearch(prev, { q: q.trim() || undefined }), replace: true });

  return (
    <div className="artifacts-page">
      <Breadcrumbs
        items={[
          { label: org, to: '/' },
          { label: project.data?.name ?? '…', to: '/projects/$projectId', params: { projectId } },
          { label: 'artifacts' },
        ]}
      />
      <ProjectTabs projectId={projectId} current="artifacts" />
      <div className="page artifacts-body">
        <div className="artifacts-toolbar">
          <input
            type="search"
            className="artifacts-search"
            aria-label="Search artifacts by name"
            placeholder="Search by name"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setQ(event.target.value);
            }}
          />
          <div className="type-chips" role="group" aria-label="Filter by type">
            <button type="button" className="type-chip" aria-pressed={!search.type} onClick={() => navigate({ search: (prev) => patchSearch(prev, { type: undefined }) })}>
              All <span className="muted">{all.length}</span>
            </button>
            {typeCounts(all).map(({ type, count }) => (
              <button
                key={type}
                type="button"
                className="type-chip"
                aria-pressed={search.type === type}
                onClick={() => navigate({ search: (prev) => patchSearch(prev, { type: search.type === type ? undefined : type }) })}
              >
                {type} <span className="muted">{count}</span>
              </button>
            ))}
          </div>
          <span className="muted count" aria-live="polite">
            {artifacts.data ? `${shown.length} of ${all.length} artifacts` : ''}
          </span>
        </div>
        {artifacts.isPending ? (
          <div aria-busy="true" aria-label="Loading artifacts" className="artifacts-skeleton">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={22} width={`${92 - i * 6}%`} />
            ))}
          </div>
        ) : artifacts.isError ? (
          <Problem error={artifacts.error} what="Artifacts" />
        ) : all.length === 0 ? (
          <div className="empty-state">
            <h2>No artifacts in this project yet</h2>
            <p>
              An artifact is a named, versioned set of files: a dataset, a checkpoint, an evaluation. Log one from a run
              and it shows here with its versions, aliases and lineage:
            </p>
            <pre>{`# start a version (runId: the run that produced it), upload its files, commit
POST /api/v1/projects/${projectId}/artifacts   {"name": "my-dataset", "type": "dataset", "runId": "…"}
PUT  /api/v1/artifacts/{id}/versions/1/file?path=data.csv
POST /api/v1/artifacts/{id}/versions/1/commit  {"aliases": ["best"]}`}</pre>
            <p className="muted">MLflow clients log run files instead; those are on each run's page.</p>
          </div>
        ) : shown.length === 0 ? (
          <div className="empty-state">
            <p>
              No {search.type ? <b>{search.type}</b> : null} artifact has “{search.q}” in its name.{' '}
              <Link to="." search={{}}>
                Show all artifacts
              </Link>
            </p>
          </div>
        ) : (
          <table className="data-table artifacts-table">
            <thead>
              <tr>
                <th scope="col">name</th>
                <th scope="col">type</th>
                <th scope="col">latest</th>
                <th scope="col">aliases</th>
                <th scope="col" className="num">files</th>
                <th scope="col" className="num">size</th>
                <th scope="col">updated</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((artifact) => {
                const latest = artifact.versions?.[0];
                return (
                  <tr key={artifact.id}>
                    <th scope="row" className="mono ellipsis" title={artifact.name}>
                      <Link to="/artifacts/$artifactId" params={{ artifactId: artifact.id! }} search={{}}>
                        {artifact.name}
                      </Link>
                    </th>
                    <td>
                      <span className="type-label">{artifact.type}</span>
                    </td>
                    <td className="mono">v{latest?.version}</td>
                    <td>
                      {(latest?.aliases ?? []).filter((a) => a !== 'latest').map((alias) => (
                        <span key={alias} className="chip">{alias}</span>
                      ))}
                    </td>
                    <td className="num">{latest?.fileCount ?? 0}</td>
                    <td className="num">{formatBytes(latest?.totalBytes ?? 0)}</td>
                    <td className="muted"><RelativeTime iso={latest?.committedAt ?? latest?.createdAt} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
