import { useMemo, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { Problem, describeProblem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { LineageGraph } from '../../components/lineage/LineageGraph.tsx';
import { adjacentVersions, label, type Graph, type GraphNode } from '../../components/lineage/lineage.ts';
import { artifactFileUrl, downloadArtifactFile } from '../../lib/download.ts';
import { formatBytes } from '../../lib/format.ts';
import { useLineage, useVersions, type VersionView } from './api.ts';

/** An artifact version's place on a run page: `#artifact-<id>-v<n>` in its inputs or outputs. */
const anchor = (node: GraphNode) => `artifact-${node.artifactId}-v${node.version}`;

/**
 * What the run consumed and produced (name, type, version, aliases, size, files to download) and its lineage graph:
 * upstream runs → artifacts → this run → artifacts → downstream runs, every node a link.
 */
export function RunArtifacts({ runId }: { runId: string }) {
  const lineage = useLineage(runId);
  const { inputs, outputs } = useMemo(() => adjacentVersions(lineage.data, runId), [lineage.data, runId]);
  return (
    <section className="run-artifacts" id="artifacts" aria-labelledby="artifacts-title">
      <h2 id="artifacts-title">Artifacts and lineage</h2>
      {lineage.isPending ? (
        <Skeleton height={120} />
      ) : lineage.isError ? (
        <Problem error={lineage.error} what="Lineage" />
      ) : inputs.length === 0 && outputs.length === 0 ? (
        <div className="empty-state compact">
          <p>
            This run logged no artifacts. A run declares what it used (<code>artifact-inputs</code>) and what it made
            (<code>artifact-outputs</code>, or <code>runId</code> on a new version); both show here with their lineage.
          </p>
        </div>
      ) : (
        <>
          <RunLineage graph={lineage.data} runId={runId} />
          {lineage.data.truncated ? <p className="muted">The graph is large; only part of it is shown.</p> : null}
          <div className="artifact-lists">
            <VersionTable title="Used" nodes={inputs} empty="Used no artifacts." />
            <VersionTable title="Produced" nodes={outputs} empty="Produced no artifacts." />
          </div>
        </>
      )}
    </section>
  );
}

export function ArtifactSummaryLink({ runId }: { runId: string }) {
  const lineage = useLineage(runId);
  const { inputs, outputs } = adjacentVersions(lineage.data, runId);
  if (inputs.length + outputs.length === 0) return null;
  return (
    <a className="muted artifact-jump" href="#artifacts">
      artifacts: {inputs.length} used · {outputs.length} produced
    </a>
  );
}

function VersionTable({ title, nodes, empty }: { title: string; nodes: GraphNode[]; empty: string }) {
  const versions = useVersions(nodes.map((n) => ({ artifactId: n.artifactId!, version: n.version! })));
  return (
    <div className="artifact-list">
      <h3>
        {title} <span className="muted">({nodes.length})</span>
      </h3>
      {nodes.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="artifact-table">
          <thead>
            <tr>
              <th scope="col">artifact</th>
              <th scope="col">type</th>
              <th scope="col">aliases</th>
              <th scope="col" className="num">
                size
              </th>
              <th scope="col">files</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node, i) => (
              <VersionRow key={node.id} node={node} version={versions[i]?.data} loading={versions[i]?.isPending ?? true} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const SHOWN_FILES = 3;

function VersionRow({ node, version, loading }: { node: GraphNode; version: VersionView | undefined; loading: boolean }) {
  const files = version?.files ?? [];
  return (
    <tr id={anchor(node)}>
      <th scope="row" className="mono ellipsis" title={version?.description || label(node)}>
        <Link to="/artifacts/$artifactId" params={{ artifactId: node.artifactId! }} search={{ v: node.version! }}>
          {label(node)}
        </Link>
      </th>
      <td>{node.type}</td>
      <td>
        {(version?.aliases ?? []).map((alias) => (
          <span key={alias} className="chip">
            {alias}
          </span>
        ))}
      </td>
      <td className="num">{version ? formatBytes(version.totalBytes ?? 0) : loading ? '…' : '—'}</td>
      <td className="artifact-files">
        {files.slice(0, SHOWN_FILES).map((file) => (
          <DownloadLink key={file.path} artifactId={node.artifactId!} version={node.version!} path={file.path!} size={file.size} />
        ))}
        {files.length > SHOWN_FILES ? <span className="muted">+{files.length - SHOWN_FILES} more</span> : null}
      </td>
    </tr>
  );
}

/** The graph around the run: a run opens its page, an artifact version its artifact's page at that version. */
function RunLineage({ graph, runId }: { graph: Graph; runId: string }) {
  const adjacent = useMemo(() => {
    const { inputs, outputs } = adjacentVersions(graph, runId);
    return new Set([...inputs, ...outputs].map((n) => n.id!));
  }, [graph, runId]);
  return (
    <LineageGraph
      graph={graph}
      centre={`run:${runId}`}
      highlight={adjacent}
      link={(node, props) =>
        node.kind === 'run' ? (
          <Link to="/runs/$runId" params={{ runId: node.runId! }} {...props} />
        ) : (
          <Link to="/artifacts/$artifactId" params={{ artifactId: node.artifactId! }} search={{ v: node.version! }} {...props} />
        )
      }
    />
  );
}

/**
 * A file's download: the API's address (copyable, opens in a new tab for a script's view), but a click downloads it
 * with the organisation header (lib/download.ts), so it works for a person in several organisations.
 */
function DownloadLink({ artifactId, version, path, size }: { artifactId: string; version: number; path: string; size: number | undefined }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <a
      className="mono"
      href={artifactFileUrl(artifactId, version, path)}
      download
      title={error ? describeProblem(error).detail : `Download ${path} (${formatBytes(size ?? 0)})`}
      onClick={(event) => {
        event.preventDefault();
        setError(null);
        downloadArtifactFile(artifactId, version, path, size).catch(setError);
      }}
    >
      {path}
      {error ? <span className="field-error"> (download failed)</span> : null}
    </a>
  );
}
