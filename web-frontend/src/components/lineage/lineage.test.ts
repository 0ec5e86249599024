import { describe, expect, it } from 'vitest';
import { adjacentVersions, consumerOf, layoutLineage, MAX_NODE_WIDTH, MAX_PER_COLUMN, MIN_NODE_WIDTH, producerOf, type Graph } from './lineage.ts';

const run = (id: string) => ({ id: `run:${id}`, kind: 'run', runId: id, runName: `name-${id}` });
const version = (id: string, v = 1) => ({ id: `artifact:${id}:v${v}`, kind: 'artifact', artifactId: id, name: id, type: 'dataset', version: v });

// prep → data → me → ckpt → eval
const graph: Graph = {
  nodes: [run('prep'), version('data'), run('me'), version('ckpt'), run('eval')],
  edges: [
    { from: 'run:prep', to: 'artifact:data:v1' },
    { from: 'artifact:data:v1', to: 'run:me' },
    { from: 'run:me', to: 'artifact:ckpt:v1' },
    { from: 'artifact:ckpt:v1', to: 'run:eval' },
  ],
  truncated: false,
};

describe('lineage', () => {
  it('finds what a run used and what it made', () => {
    const { inputs, outputs } = adjacentVersions(graph, 'me');
    expect(inputs.map((n) => n.id)).toEqual(['artifact:data:v1']);
    expect(outputs.map((n) => n.id)).toEqual(['artifact:ckpt:v1']);
    expect(adjacentVersions(undefined, 'me')).toEqual({ inputs: [], outputs: [] });
  });

  it('lays the graph out left to right by hops from the run, upstream before it, downstream after', () => {
    const layout = layoutLineage(graph, 'run:me');
    const column = Object.fromEntries(layout.nodes.map((n) => [n.node.id, n.column]));
    expect(column).toEqual({ 'run:prep': -2, 'artifact:data:v1': -1, 'run:me': 0, 'artifact:ckpt:v1': 1, 'run:eval': 2 });
    const x = Object.fromEntries(layout.nodes.map((n) => [n.node.id, n.x]));
    expect(x['run:prep']!).toBeLessThan(x['artifact:data:v1']!);
    expect(x['run:me']!).toBeLessThan(x['run:eval']!);
    expect(layout.edges).toHaveLength(4);
    expect(layout.edges[0]!.path).toMatch(/^M[\d.]+,[\d.]+ C/);
    expect(layout.width).toBeGreaterThan(x['run:eval']!);
  });

  it('shares the available width among the columns, within bounds', () => {
    expect(layoutLineage(graph, 'run:me', 1200).width).toBeLessThanOrEqual(1200);
    expect(layoutLineage(graph, 'run:me', 1200).nodeWidth).toBeGreaterThan(MIN_NODE_WIDTH);
    // The 670 px of a run page at 1280 px: nodes keep their least width and the graph scrolls sideways.
    expect(layoutLineage(graph, 'run:me', 670).nodeWidth).toBe(MIN_NODE_WIDTH);
    expect(layoutLineage(graph, 'run:me', 670).width).toBeGreaterThan(670);
    expect(layoutLineage(graph, 'run:me', 200).nodeWidth).toBe(MIN_NODE_WIDTH);
    expect(layoutLineage(graph, 'run:me', 5000).nodeWidth).toBe(MAX_NODE_WIDTH);
  });

  it('counts what does not fit in a column instead of drawing 200 boxes', () => {
    const consumers = Array.from({ length: 200 }, (_, i) => run(`c${String(i).padStart(3, '0')}`));
    const wide: Graph = {
      nodes: [run('prep'), version('data'), ...consumers],
      edges: [{ from: 'run:prep', to: 'artifact:data:v1' }, ...consumers.map((c) => ({ from: 'artifact:data:v1', to: c.id }))],
    };
    const layout = layoutLineage(wide, 'run:prep');
    expect(layout.nodes.filter((n) => n.column === 2)).toHaveLength(MAX_PER_COLUMN);
    expect(layout.more).toEqual([expect.objectContaining({ column: 2, count: 200 - MAX_PER_COLUMN })]);
    expect(layout.edges).toHaveLength(1 + MAX_PER_COLUMN);
  });

  it('names the run that made a version and one that used it', () => {
    expect(producerOf(graph, 'artifact:ckpt:v1')).toBe('me');
    expect(consumerOf(graph, 'artifact:ckpt:v1')).toBe('eval');
    expect(producerOf(graph, 'artifact:nothing:v1')).toBeUndefined();
  });
});

describe('lineage around a version', () => {
  it('centres the graph on an artifact version: its producer upstream, its consumers downstream', () => {
    const layout = layoutLineage(graph, 'artifact:data:v1');
    const column = Object.fromEntries(layout.nodes.map((n) => [n.node.id, n.column]));
    expect(column['artifact:data:v1']).toBe(0);
    expect(column['run:prep']).toBe(-1);
    expect(column['run:me']).toBe(1);
  });

  it('draws a version nothing is linked to yet as the one node of its graph', () => {
    const layout = layoutLineage({ nodes: [], edges: [], truncated: false }, 'artifact:abc:v3');
    expect(layout.nodes).toHaveLength(1);
    expect(layout.nodes[0]!.node).toMatchObject({ kind: 'artifact', artifactId: 'abc', version: 3 });
  });
});
