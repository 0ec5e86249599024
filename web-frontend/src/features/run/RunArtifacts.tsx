import { useEffect, useMemo } from 'react';
import { Link } from '@tanstack/react-router';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { useWidth } from '../../components/useWidth.ts';
import { runColor } from '../../lib/colors.ts';
import { formatBytes } from '../../lib/format.ts';
import { fitMiddle } from './fitText.ts';
import { downloadUrl, useLineage, useVersions, type VersionView } from './api.ts';
import {
  adjacentVersions,
  consumerOf,
  label,
  layoutLineage,
  NODE_HEIGHT,
  producerOf,
  type Graph,
  type GraphNode,
} from './lineage.ts';

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
          <LineageGraph graph={lineage.data} runId={runId} />
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
        {label(node)}
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
          <a
            key={file.path}
            className="mono"
            href={downloadUrl(node.artifactId!, node.version!, file.path!)}
            download
            title={`Download ${file.path} (${formatBytes(file.size ?? 0)})`}
          >
            {file.path}
          </a>
        ))}
        {files.length > SHOWN_FILES ? <span className="muted">+{files.length - SHOWN_FILES} more</span> : null}
      </td>
    </tr>
  );
}

/** The graph as positioned boxes over an SVG of curved edges; each box is a link. Scrolls sideways when wide. */
function LineageGraph({ graph, runId }: { graph: Graph; runId: string }) {
  const [scroller, available] = useWidth<HTMLDivElement>();
  const layout = useMemo(() => layoutLineage(graph, runId, available), [graph, runId, available]);
  const NODE_WIDTH = layout.nodeWidth;
  // A name takes up to two lines; a longer one loses its middle to fit them, measured in the label's own font.
  const fit = (text: string, room: number, mono = false) => fitMiddle(text, NODE_WIDTH - room, mono, 2);
  const adjacent = useMemo(() => {
    const { inputs, outputs } = adjacentVersions(graph, runId);
    return new Set([...inputs, ...outputs].map((n) => n.id));
  }, [graph, runId]);
  const centre = `run:${runId}`;
  // A graph wider than the page scrolls sideways: start with this run in the middle of the view.
  const centreX = layout.nodes.find((n) => n.node.id === centre)?.x;
  useEffect(() => {
    const element = scroller.current;
    if (!element || centreX === undefined || layout.width <= element.clientWidth) return;
    element.scrollLeft = centreX + NODE_WIDTH / 2 - element.clientWidth / 2;
  }, [centreX, NODE_WIDTH, layout.width, available]);
  return (
    <div className="lineage-scroll" ref={scroller} role="group" aria-label="Lineage: data flows left to right">
      <div className="lineage" style={{ width: layout.width, height: layout.height }}>
        <svg className="lineage-edges" width={layout.width} height={layout.height} aria-hidden="true">
          {layout.edges.map((edge) => (
            <path key={`${edge.from}>${edge.to}`} d={edge.path} className={edge.from === centre || edge.to === centre ? 'near' : undefined} />
          ))}
        </svg>
        {layout.nodes.map(({ node, x, y }) => {
          const style = { left: x, top: y, width: NODE_WIDTH, height: NODE_HEIGHT };
          const text = label(node);
          if (node.kind === 'run') {
            const isCentre = node.id === centre;
            return (
              <Link
                key={node.id}
                to="/runs/$runId"
                params={{ runId: node.runId! }}
                className={`lineage-node run${isCentre ? ' centre' : ''}`}
                style={style}
                title={text}
                aria-label={`${text}, ${isCentre ? 'this run' : 'run'}`}
                aria-current={isCentre ? 'page' : undefined}
              >
                <span className="swatch" style={{ background: runColor(node.runId!) }} aria-hidden="true" />
                <span className="lineage-text">
                  <span className="lineage-name">{fit(text, 42)}</span>
                  <span className="lineage-kind">{isCentre ? 'this run' : 'run'}</span>
                </span>
              </Link>
            );
          }
          // An artifact opens where its files are listed: here when this run used or made it, else on the page of
          // the run that made it (or, failing that, one that used it).
          const owner = adjacent.has(node.id) ? runId : (producerOf(graph, node.id!) ?? consumerOf(graph, node.id!) ?? runId);
          return (
            <Link
              key={node.id}
              to="/runs/$runId"
              params={{ runId: owner }}
              hash={anchor(node)}
              className="lineage-node artifact"
              style={style}
              title={`${text} (${node.type})`}
              aria-label={`${text}, ${node.type}`}
            >
              <span className="lineage-text">
                <span className="lineage-name mono">{fit(text, 24, true)}</span>
                <span className="lineage-kind">{node.type}</span>
              </span>
            </Link>
          );
        })}
        {layout.more.map((m) => (
          <span key={m.column} className="lineage-more muted" style={{ left: m.x, top: m.y, width: NODE_WIDTH, height: NODE_HEIGHT }}>
            + {m.count.toLocaleString('en')} more
          </span>
        ))}
      </div>
    </div>
  );
}
