import { Fragment, useEffect, useMemo, type CSSProperties, type ReactNode } from 'react';
import { useWidth } from '../useWidth.ts';
import { runColor } from '../../lib/colors.ts';
import { fitMiddle } from './fitText.ts';
import { label, layoutLineage, NODE_HEIGHT, type Graph, type GraphNode } from './lineage.ts';
import './lineage.css';

/** What a node's link needs from the graph: where it sits, what it says, and its accessible name. */
export type NodeLinkProps = {
  className: string;
  style: CSSProperties;
  title: string;
  'aria-label': string;
  'aria-current'?: 'page' | undefined;
  children: ReactNode;
};

/**
 * The lineage graph as positioned boxes over an SVG of curved edges, centred on one node (a run or an artifact
 * version); data flows left to right and the graph scrolls sideways when wide. Every node is a link: the page that
 * draws the graph decides where each one leads (`link`), so the run page and the artifact page share one drawing.
 */
export function LineageGraph({ graph, centre, link, highlight }: {
  graph: Graph;
  centre: string;
  link: (node: GraphNode, props: NodeLinkProps) => ReactNode;
  /** Edges touching these nodes are drawn darker (the centre's own edges always are). */
  highlight?: ReadonlySet<string>;
}) {
  const [scroller, available] = useWidth<HTMLDivElement>();
  const layout = useMemo(() => layoutLineage(graph, centre, available), [graph, centre, available]);
  const width = layout.nodeWidth;
  // A name takes up to two lines; a longer one loses its middle to fit them, measured in the label's own font.
  const fit = (text: string, room: number, mono = false) => fitMiddle(text, width - room, mono, 2);
  const near = (id: string) => id === centre || (highlight?.has(id) ?? false);
  // A graph wider than the page scrolls sideways: start with the centre node in the middle of the view.
  const centreX = layout.nodes.find((n) => n.node.id === centre)?.x;
  useEffect(() => {
    const element = scroller.current;
    if (!element || centreX === undefined || layout.width <= element.clientWidth) return;
    element.scrollLeft = centreX + width / 2 - element.clientWidth / 2;
  }, [centreX, width, layout.width, available]);
  return (
    <div className="lineage-scroll" ref={scroller} role="group" aria-label="Lineage: data flows left to right">
      <div className="lineage" style={{ width: layout.width, height: layout.height }}>
        <svg className="lineage-edges" width={layout.width} height={layout.height} aria-hidden="true">
          {layout.edges.map((edge) => (
            <path key={`${edge.from}>${edge.to}`} d={edge.path} className={edge.from === centre || edge.to === centre ? 'near' : undefined} />
          ))}
        </svg>
        {layout.nodes.map(({ node, x, y }) => {
          const style = { left: x, top: y, width, height: NODE_HEIGHT };
          const text = label(node);
          const isCentre = node.id === centre;
          if (node.kind === 'run') {
            return (
              <Fragment key={node.id}>
                {link(node, {
                  className: `lineage-node run${isCentre ? ' centre' : ''}`,
                  style,
                  title: text,
                  'aria-label': `${text}, ${isCentre ? 'this run' : 'run'}`,
                  'aria-current': isCentre ? 'page' : undefined,
                  children: (
                    <>
                      <span className="swatch" style={{ background: runColor(node.runId!) }} aria-hidden="true" />
                      <span className="lineage-text">
                        <span className="lineage-name">{fit(text, 42)}</span>
                        <span className="lineage-kind">{isCentre ? 'this run' : 'run'}</span>
                      </span>
                    </>
                  ),
                })}
              </Fragment>
            );
          }
          return (
            <Fragment key={node.id}>
              {link(node, {
                className: `lineage-node artifact${isCentre ? ' centre' : ''}${!isCentre && near(node.id!) ? ' near' : ''}`,
                style,
                title: `${text} (${node.type ?? 'artifact'})`,
                'aria-label': `${text}, ${isCentre ? 'this version' : (node.type ?? 'artifact')}`,
                'aria-current': isCentre ? 'page' : undefined,
                children: (
                  <span className="lineage-text">
                    <span className="lineage-name mono">{fit(text, 24, true)}</span>
                    <span className="lineage-kind">{isCentre ? `this version · ${node.type ?? ''}` : node.type}</span>
                  </span>
                ),
              })}
            </Fragment>
          );
        })}
        {layout.more.map((m) => (
          <span key={m.column} className="lineage-more muted" style={{ left: m.x, top: m.y, width, height: NODE_HEIGHT }}>
            + {m.count.toLocaleString('en')} more
          </span>
        ))}
      </div>
    </div>
  );
}
