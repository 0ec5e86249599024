import { useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Problem, describeProblem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { LineageGraph } from '../../components/lineage/LineageGraph.tsx';
import { versionNodeId } from '../../components/lineage/lineage.ts';
import { isApiError } from '../../lib/api/client.ts';
import { artifactFileUrl, downloadArtifactFile } from '../../lib/download.ts';
import { formatBytes } from '../../lib/format.ts';
import { useProject } from '../../lib/projects.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { useSession } from '../../lib/session.ts';
import {
  useArtifact,
  useDeleteVersion,
  useRemoveAlias,
  useRestoreVersion,
  useSetAlias,
  useVersion,
  useVersionLineage,
  type VersionView,
} from './api.ts';
import { aliasError, aliasesOf, openVersion } from './logic.ts';
import './artifacts.css';

const route = getRouteApi('/shell/artifacts/$artifactId');
const WRITERS = new Set(['OWNER', 'ADMIN', 'MEMBER']);

/**
 * One artifact: its versions (size, when, which run made it, state), its aliases (members set, move and remove
 * them; viewers read), and the open version's files (size, SHA-256, download) and lineage graph. The open version
 * (`v`) and whether deleted versions are listed (`deleted`) live in the URL.
 */
export function ArtifactPage() {
  const { artifactId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const role = session.data?.kind === 'signedIn' ? session.data.organisation.caller?.role : undefined;
  const canEdit = WRITERS.has(role ?? '');
  const artifact = useArtifact(artifactId, search.deleted ?? false);
  const project = useProject(artifact.data?.projectId ?? '');
  const versions = artifact.data?.versions ?? [];
  const open = openVersion(versions, search.v);
  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  const projectId = artifact.data?.projectId ?? '';

  return (
    <div className="page artifact-page">
      <Breadcrumbs
        items={[
          { label: org, to: '/' },
          ...(projectId ? [{ label: project.data?.name ?? '…', to: '/projects/$projectId', params: { projectId } }] : []),
          ...(projectId ? [{ label: 'artifacts', to: '/projects/$projectId/artifacts', params: { projectId } }] : []),
          { label: artifact.data?.name ?? '…' },
        ]}
      />
      {artifact.isPending ? (
        <div aria-busy="true" aria-label="Loading the artifact">
          <Skeleton width={280} height={24} />
          <div style={{ height: 12 }} />
          <Skeleton height={120} />
        </div>
      ) : artifact.isError ? (
        <Problem error={artifact.error} what="Artifact" />
      ) : (
        <>
          <header className="artifact-head">
            <h1 className="mono">{artifact.data.name}</h1>
            <span className="type-label">{artifact.data.type}</span>
            <span className="muted">
              {versions.filter((v) => v.state === 'COMMITTED').length} versions · created <RelativeTime iso={artifact.data.createdAt} />
            </span>
          </header>
          {open?.description ? <p className="lead">{open.description}</p> : null}
          <div className="artifact-grid">
            <section aria-labelledby="versions-title">
              <div className="section-head">
                <h2 id="versions-title">Versions</h2>
                <label className="toggle" title="Deleted versions can be restored until their files are collected">
                  <input
                    type="checkbox"
                    checked={search.deleted ?? false}
                    onChange={(event) => navigate({ search: (prev) => patchSearch(prev, { deleted: event.target.checked || undefined }), replace: true })}
                  />
                  Show deleted
                </label>
              </div>
              <VersionsTable artifactId={artifactId} versions={versions} open={open?.version} canEdit={canEdit} />
            </section>
            <AliasesPanel artifactId={artifactId} versions={versions} canEdit={canEdit} />
          </div>
          {open ? <VersionDetail artifactId={artifactId} version={open} /> : (
            <div className="empty-state"><p>Every version of this artifact is deleted. Tick “Show deleted” to restore one.</p></div>
          )}
        </>
      )}
    </div>
  );
}

function VersionsTable({ artifactId, versions, open, canEdit }: { artifactId: string; versions: VersionView[]; open: number | undefined; canEdit: boolean }) {
  const showDeleted = route.useSearch().deleted ?? false;
  const [confirm, setConfirm] = useState<number | null>(null);
  const remove = useDeleteVersion(artifactId);
  const restore = useRestoreVersion(artifactId);
  return (
    <>
      <table className="artifacts-table versions-table">
        <thead>
          <tr>
            <th scope="col">version</th>
            <th scope="col">aliases</th>
            <th scope="col" className="num">files</th>
            <th scope="col" className="num">size</th>
            <th scope="col">produced by</th>
            <th scope="col">created</th>
            <th scope="col">state</th>
            {canEdit ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const deleted = v.state === 'DELETED';
            return (
              <tr key={v.version} className={`${deleted ? 'deleted' : ''}${v.version === open ? ' open' : ''}`} aria-current={v.version === open ? 'true' : undefined}>
                <th scope="row" className="mono">
                  {deleted ? `v${v.version}` : (
                    <Link to="/artifacts/$artifactId" params={{ artifactId }} search={{ v: v.version!, ...(showDeleted ? { deleted: true } : {}) }} replace>
                      v{v.version}
                    </Link>
                  )}
                </th>
                <td>
                  {(v.aliases ?? []).map((alias) => (
                    <span key={alias} className={`chip${alias === 'latest' ? ' faint' : ''}`}>{alias}</span>
                  ))}
                </td>
                <td className="num">{v.fileCount}</td>
                <td className="num">{formatBytes(v.totalBytes ?? 0)}</td>
                <td className="ellipsis">
                  {v.producedBy?.runId ? (
                    <Link to="/runs/$runId" params={{ runId: v.producedBy.runId }} title={v.producedBy.runName}>
                      {v.producedBy.runName}
                    </Link>
                  ) : <span className="muted">—</span>}
                </td>
                <td className="muted"><RelativeTime iso={v.committedAt ?? v.createdAt} /></td>
                <td>{deleted ? <span className="state-deleted">deleted</span> : <span className="muted">committed</span>}</td>
                {canEdit ? (
                  <td className="row-actions">
                    {deleted ? (
                      <button type="button" className="button small" disabled={restore.isPending} onClick={() => restore.mutate(v.version!)}>
                        Restore
                      </button>
                    ) : (
                      <button type="button" className="button small" onClick={() => { remove.reset(); setConfirm(v.version!); }}>
                        Delete
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {restore.isError ? <p className="field-error" role="alert">{describeProblem(restore.error).detail}</p> : null}
      {confirm !== null ? (
        <ConfirmDialog
          title={`Delete v${confirm}?`}
          body={
            <p>
              The version disappears from reads and its aliases are removed (<code>latest</code> moves back). Its files
              are kept for the retention period: until then “Show deleted” lists it and it can be restored (without its
              aliases).
            </p>
          }
          confirmLabel={`Delete v${confirm}`}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setConfirm(null)}
          onConfirm={() => remove.mutate(confirm, { onSuccess: () => setConfirm(null) })}
        />
      ) : null}
    </>
  );
}

/** The artifact's aliases and where they point; members move one with a version picker, set a new one, remove one. */
function AliasesPanel({ artifactId, versions, canEdit }: { artifactId: string; versions: VersionView[]; canEdit: boolean }) {
  const committed = versions.filter((v) => v.state === 'COMMITTED');
  const aliases = aliasesOf(committed);
  const set = useSetAlias(artifactId);
  const remove = useRemoveAlias(artifactId);
  const [name, setName] = useState('');
  const [target, setTarget] = useState<number | undefined>(undefined);
  const [touched, setTouched] = useState(false);
  const clientError = touched ? aliasError(name) : undefined;
  const serverError = set.isError && set.variables?.alias === name.trim() ? serverDetail(set.error) : undefined;
  const chosen = target ?? committed[0]?.version;
  return (
    <section aria-labelledby="aliases-title" className="aliases-panel">
      <h2 id="aliases-title">Aliases</h2>
      <table className="artifacts-table aliases-table">
        <tbody>
          {aliases.map(({ alias, version }) => (
            <tr key={alias}>
              <th scope="row"><span className="chip">{alias}</span></th>
              <td>
                {canEdit && alias !== 'latest' ? (
                  <select
                    aria-label={`Version of ${alias}`}
                    value={version}
                    disabled={set.isPending}
                    onChange={(event) => set.mutate({ alias, version: Number(event.target.value) })}
                  >
                    {committed.map((v) => (
                      <option key={v.version} value={v.version}>v{v.version}</option>
                    ))}
                  </select>
                ) : (
                  <span className="mono">v{version}</span>
                )}
              </td>
              <td className="row-actions">
                {alias === 'latest' ? (
                  <span className="muted small">moves by itself</span>
                ) : canEdit ? (
                  <button type="button" className="button small" aria-label={`Remove alias ${alias}`} disabled={remove.isPending} onClick={() => remove.mutate(alias)}>
                    Remove
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.isError ? <p className="field-error" role="alert">{serverDetail(remove.error)}</p> : null}
      {set.isError && !serverError ? <p className="field-error" role="alert">{serverDetail(set.error)}</p> : null}
      {canEdit && committed.length > 0 ? (
        <form
          className="alias-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(true);
            if (aliasError(name) || chosen === undefined) return;
            set.mutate({ alias: name.trim(), version: chosen }, { onSuccess: () => { setName(''); setTouched(false); } });
          }}
        >
          <label htmlFor="alias-name">Set an alias</label>
          <div className="alias-row">
            <input
              id="alias-name"
              className={clientError || serverError ? 'invalid' : undefined}
              placeholder="production"
              value={name}
              aria-invalid={Boolean(clientError || serverError)}
              aria-describedby={clientError || serverError ? 'alias-error' : undefined}
              onChange={(event) => setName(event.target.value)}
            />
            <span aria-hidden="true">→</span>
            <select aria-label="Version for the alias" value={chosen} onChange={(event) => setTarget(Number(event.target.value))}>
              {committed.map((v) => (
                <option key={v.version} value={v.version}>v{v.version}</option>
              ))}
            </select>
            <button type="submit" className="button" disabled={set.isPending}>Set</button>
          </div>
          {clientError || serverError ? <span id="alias-error" className="field-error" role="alert">{clientError ?? serverError}</span> : null}
          <span className="muted small">An alias names one version (best, production); setting it again moves it.</span>
        </form>
      ) : null}
    </section>
  );
}

function serverDetail(error: unknown): string {
  return isApiError(error) && error.detail ? error.detail : describeProblem(error).detail;
}

/** The open version's files (path, size, SHA-256, download) and its lineage: who made it and who used it. */
function VersionDetail({ artifactId, version }: { artifactId: string; version: VersionView }) {
  const detail = useVersion(artifactId, version.version);
  const lineage = useVersionLineage(artifactId, version.version);
  const files = detail.data?.files ?? [];
  return (
    <div className="version-detail">
      <section aria-labelledby="files-title">
        <h2 id="files-title">
          Files of <span className="mono">{version.ref}</span>{' '}
          <span className="muted">({version.fileCount} · {formatBytes(version.totalBytes ?? 0)})</span>
        </h2>
        {detail.isPending ? (
          <Skeleton height={60} />
        ) : detail.isError ? (
          <Problem error={detail.error} what="Files" />
        ) : files.length === 0 ? (
          <p className="muted">This version has no files.</p>
        ) : (
          <table className="artifacts-table files-table">
            <thead>
              <tr>
                <th scope="col">path</th>
                <th scope="col" className="num">size</th>
                <th scope="col">SHA-256</th>
                <th scope="col"><span className="visually-hidden">Download</span></th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.path}>
                  <th scope="row" className="mono ellipsis" title={file.path}>{file.path}</th>
                  <td className="num" title={`${(file.size ?? 0).toLocaleString('en')} bytes`}>{formatBytes(file.size ?? 0)}</td>
                  <td className="mono sha" title={file.sha256}>
                    <span className="ellipsis">{file.sha256}</span>
                  </td>
                  <td className="row-actions">
                    <DownloadButton artifactId={artifactId} version={version.version!} path={file.path!} size={file.size} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="lineage-title">
        <h2 id="lineage-title">Lineage</h2>
        {lineage.isPending ? (
          <Skeleton height={100} />
        ) : lineage.isError ? (
          <Problem error={lineage.error} what="Lineage" />
        ) : (lineage.data.edges ?? []).length === 0 ? (
          <p className="muted">
            No run is recorded as making or using this version. Runs declare it with <code>artifact-outputs</code> (or
            <code> runId</code> on a new version) and <code>artifact-inputs</code>.
          </p>
        ) : (
          <LineageGraph
            graph={lineage.data}
            centre={versionNodeId(artifactId, version.version!)}
            link={(node, props) =>
              node.kind === 'run' ? (
                <Link to="/runs/$runId" params={{ runId: node.runId! }} {...props} />
              ) : (
                <Link to="/artifacts/$artifactId" params={{ artifactId: node.artifactId! }} search={{ v: node.version! }} {...props} />
              )
            }
          />
        )}
      </section>
    </div>
  );
}

function DownloadButton({ artifactId, version, path, size }: { artifactId: string; version: number; path: string; size: number | undefined }) {
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  return (
    <>
      <a
        className="button small"
        href={artifactFileUrl(artifactId, version, path)}
        download
        aria-label={`Download ${path}`}
        onClick={(event) => {
          event.preventDefault();
          setState({ busy: true, error: null });
          downloadArtifactFile(artifactId, version, path, size).then(
            () => setState({ busy: false, error: null }),
            (error: unknown) => setState({ busy: false, error }),
          );
        }}
      >
        {state.busy ? 'Downloading…' : 'Download'}
      </a>
      {state.error ? <span className="field-error" role="alert"> {serverDetail(state.error)}</span> : null}
    </>
  );
}
