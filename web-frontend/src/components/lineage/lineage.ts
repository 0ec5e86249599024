import type { components } from '../../lib/api/generated/runledger.ts';

/**
 * The lineage graph's layout, shared by the run page (centred on a run) and the artifact page (centred on a version).
 */

export type Graph = components['schemas']['Graph'];
export type GraphNode = components['schemas']['Node'];

/**
 * Nodes are as wide as the space allows, within these bounds; a wider graph scrolls sideways. A name takes up to two
 * lines (breaking at its hyphens), so the least width still shows a sweep run's whole name (`vit-s16-lr1e-3-adamw-s4`:
 * the middle, where the learning rate is, is what tells sweep runs apart), and five columns fit the 830 px a run page
 * has at 1440 px. (One line and 104 px left 8 characters at 1280 px: `vit-s16-l…`.)
 */
export const MIN_NODE_WIDTH = 148;
export const MAX_NODE_WIDTH = 220;
export const NODE_HEIGHT = 52;
const GAP_X = 20;
const GAP_Y = 10;
/** A column shows this many nodes; the rest are counted ("+ 190 more"), so a dataset with 200 consumers stays legible. */
export const MAX_PER_COLUMN = 6;

export type PlacedNode = { node: GraphNode; x: number; y: number; column: number };
export type More = { column: number; x: number; y: number; count: number };
export type PlacedEdge = { from: string; to: string; path: string };
export type Layout = { nodes: PlacedNode[]; more: More[]; edges: PlacedEdge[]; width: number; height: number; nodeWidth: number };

/** An artifact version's node id, as the server names it. */
export const versionNodeId = (artifactId: string, version: number) => `artifact:${artifactId}:v${version}`;

/**
 * The versions a run consumed and produced: the artifact nodes with an edge into the run (inputs) or out of it
 * (outputs), in the graph's order.
 */
export function adjacentVersions(graph: Graph | undefined, runId: string) {
  const centre = `run:${runId}`;
  const byId = new Map((graph?.nodes ?? []).map((n) => [n.id!, n]));
  const inputs: GraphNode[] = [];
  const outputs: GraphNode[] = [];
  for (const edge of graph?.edges ?? []) {
    if (edge.to === centre && byId.get(edge.from!)?.kind === 'artifact') inputs.push(byId.get(edge.from!)!);
    if (edge.from === centre && byId.get(edge.to!)?.kind === 'artifact') outputs.push(byId.get(edge.to!)!);
  }
  return { inputs, outputs };
}

/**
 * A layered left-to-right layout (data flows left to right): each node's column is its hop distance from the centre
 * node (a run, `run:<id>`, or a version, `artifact:<id>:v<n>`), negative upstream, positive downstream; within a
 * column runs and artifacts are sorted by name. Columns are centred on the centre's row, and the nodes share the
 * available width. Only edges between shown nodes are drawn.
 */
export function layoutLineage(graph: Graph, centre: string, available = 0): Layout {
  const nodes = new Map((graph.nodes ?? []).map((n) => [n.id!, n]));
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const edge of graph.edges ?? []) {
    if (!nodes.has(edge.from!) || !nodes.has(edge.to!)) continue;
    forward.set(edge.from!, [...(forward.get(edge.from!) ?? []), edge.to!]);
    backward.set(edge.to!, [...(backward.get(edge.to!) ?? []), edge.from!]);
  }
  const column = new Map<string, number>([[centre, 0]]);
  for (const [next, sign] of [
    [backward, -1],
    [forward, 1],
  ] as const) {
    let frontier = [centre];
    for (let hop = 1; frontier.length > 0; hop++) {
      const reached: string[] = [];
      for (const id of frontier) {
        for (const neighbour of next.get(id) ?? []) {
          if (column.has(neighbour)) continue;
          column.set(neighbour, sign * hop);
          reached.push(neighbour);
        }
      }
      frontier = reached;
    }
  }
  if (!nodes.has(centre)) nodes.set(centre, placeholder(centre));

  const columns = new Map<number, GraphNode[]>();
  for (const [id, c] of column) columns.set(c, [...(columns.get(c) ?? []), nodes.get(id)!]);
  const order = [...columns.keys()].sort((a, b) => a - b);
  const nodeWidth = Math.floor(
    Math.min(MAX_NODE_WIDTH, Math.max(MIN_NODE_WIDTH, (available - (order.length - 1) * GAP_X) / order.length)),
  );
  const rowsOf = (c: number) => {
    const count = columns.get(c)!.length;
    return count > MAX_PER_COLUMN ? MAX_PER_COLUMN + 1 : count;
  };
  const tallest = Math.max(...order.map(rowsOf));
  const height = tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y;
  const placed = new Map<string, PlacedNode>();
  const more: More[] = [];
  order.forEach((c, index) => {
    const members = columns.get(c)!.sort(
      (a, b) => (a.id === centre ? -1 : b.id === centre ? 1 : 0) || label(a).localeCompare(label(b)),
    );
    const rows = rowsOf(c);
    const top = (height - (rows * NODE_HEIGHT + (rows - 1) * GAP_Y)) / 2;
    const x = index * (nodeWidth + GAP_X);
    members.slice(0, MAX_PER_COLUMN).forEach((node, row) => {
      placed.set(node.id!, { node, x, y: top + row * (NODE_HEIGHT + GAP_Y), column: c });
    });
    if (members.length > MAX_PER_COLUMN) {
      more.push({ column: c, x, y: top + MAX_PER_COLUMN * (NODE_HEIGHT + GAP_Y), count: members.length - MAX_PER_COLUMN });
    }
  });
  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges ?? []) {
    const a = placed.get(edge.from!);
    const b = placed.get(edge.to!);
    if (!a || !b) continue;
    const x1 = a.x + nodeWidth;
    const y1 = a.y + NODE_HEIGHT / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    edges.push({ from: edge.from!, to: edge.to!, path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` });
  }
  return {
    nodes: [...placed.values()],
    more,
    edges,
    width: order.length * nodeWidth + (order.length - 1) * GAP_X,
    height,
    nodeWidth,
  };
}

/** The centre node when the graph does not list it (nothing linked to it yet). */
function placeholder(id: string): GraphNode {
  const version = /^artifact:(.+):v(\d+)$/.exec(id);
  if (version) return { id, kind: 'artifact', artifactId: version[1]!, version: Number(version[2]) };
  return { id, kind: 'run', runId: id.replace(/^run:/, '') };
}

/** What a node says: a run's name, an artifact's `name:vN`. */
export function label(node: GraphNode): string {
  return node.kind === 'artifact' ? `${node.name ?? node.artifactId}:v${node.version}` : (node.runName ?? node.runId ?? '');
}

/** The run that produced an artifact version, if the graph holds it (an edge run → version). */
export function producerOf(graph: Graph, nodeId: string): string | undefined {
  const edge = (graph.edges ?? []).find((e) => e.to === nodeId && e.from?.startsWith('run:'));
  return edge?.from?.slice('run:'.length);
}

/** A run that consumed an artifact version, if the graph holds one. */
export function consumerOf(graph: Graph, nodeId: string): string | undefined {
  const edge = (graph.edges ?? []).find((e) => e.from === nodeId && e.to?.startsWith('run:'));
  return edge?.to?.slice('run:'.length);
}
