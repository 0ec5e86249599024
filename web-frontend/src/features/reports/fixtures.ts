import type { Comment, RenderedReport, ReportView, SharedReportView } from './types.ts';

/** Test fixtures shaped like real answers of the Reports API (as ReportDataTests and the records produce them). */

export const RUN_A = '0193a1b2-7c4d-7e00-8a00-00000000000a';
export const RUN_B = '0193a1b2-7c4d-7e00-8a00-00000000000b';
export const REPORT_ID = '0193a1b2-0000-7000-8000-000000000001';
export const TOKEN = 'rls_Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9v';
export const ARTIFACT_ID = '0193a1b2-0000-7000-8000-0000000000ff';
const SHA_A = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const SHA_B = '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';
const SHA_C = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const blocks: ReportView['blocks'] = [
  { id: 'intro', type: 'markdown', text: '# Sweep results\n\nThe **lr=0.1** run wins; see [the notes](https://example.com/notes).' },
  {
    id: 'loss',
    type: 'lineChart',
    title: 'Training loss',
    runSet: { runIds: [RUN_A, RUN_B] },
    metrics: ['loss'],
    xAxis: 'step',
    mode: 'LTTB',
    points: 50,
    smoothing: 0.6,
  },
  {
    id: 'table',
    type: 'runsTable',
    title: 'Runs',
    runSet: { filter: "tags.stage = 'sweep'", orderBy: ['metrics.loss'], limit: 100 },
    columns: ['name', 'state', 'params.lr', 'tags.stage', 'started_at', 'metrics.loss', 'max(metrics.grad_norm)'],
  },
  {
    id: 'best',
    type: 'scalarComparison',
    title: 'Best accuracy',
    runSet: { runIds: [RUN_A, RUN_B] },
    metrics: ['accuracy'],
    aggregate: 'max',
  },
  { id: 'model', type: 'artifactReference', artifactName: 'resnet-weights', alias: 'production' },
  { id: 'data', type: 'artifactReference', artifactName: 'imagenet-subset', version: '3' },
];

export const reportView: ReportView = {
  id: REPORT_ID,
  projectId: '0193a1b2-0000-7000-8000-0000000000aa',
  version: 4,
  title: 'LR sweep, week 47',
  description: 'What we learned from the sweep.',
  blocks,
  createdBy: 'ada@acme.test',
  createdAt: '2026-11-20T09:00:00Z',
  updatedBy: 'grace@acme.test',
  updatedAt: '2026-11-21T16:30:12.345Z',
};

export const sharedView: SharedReportView = {
  reportId: REPORT_ID,
  version: 4,
  title: 'LR sweep, week 47',
  description: 'What we learned from the sweep.',
  blocks,
  snapshotAt: '2026-11-21T17:00:00Z',
};

export const renderedReport: RenderedReport = {
  reportId: REPORT_ID,
  version: 4,
  renderedAt: '2026-11-21T17:00:00.123456Z',
  panels: [
    {
      blockId: 'loss',
      type: 'lineChart',
      xAxis: 'step',
      mode: 'LTTB',
      runs: [
        { id: RUN_A, name: 'lr-0.1' },
        { id: RUN_B, name: 'lr-0.01' },
      ],
      series: [
        { runId: RUN_A, key: 'loss', pointCount: 1000, x: [0, 10, 999], y: [1.0, 0.5, 0.01] },
        { runId: RUN_B, key: 'loss', pointCount: 1000, x: [0, 20, 999], y: [1.0, 'NaN', 0.2] },
      ],
    },
    {
      blockId: 'table',
      type: 'runsTable',
      columns: ['name', 'state', 'params.lr', 'tags.stage', 'started_at', 'metrics.loss', 'max(metrics.grad_norm)'],
      rows: [
        {
          runId: RUN_A,
          cells: {
            name: 'lr-0.1',
            state: 'FINISHED',
            'params.lr': '0.1',
            'tags.stage': 'sweep',
            started_at: '2026-11-21T08:00:00.123456Z',
            'metrics.loss': 0.001,
            'max(metrics.grad_norm)': 'Infinity',
          },
        },
        {
          runId: RUN_B,
          // Absent cells: the run has no value (no loss logged yet); a param logged as the text "NaN" stays text.
          cells: { name: 'lr-0.01', state: 'RUNNING', 'params.lr': 'NaN', 'tags.stage': 'sweep', started_at: '2026-11-21T09:30:00Z' },
        },
      ],
    },
    {
      blockId: 'best',
      type: 'scalarComparison',
      aggregate: 'max',
      metrics: ['accuracy'],
      rows: [
        { runId: RUN_A, name: 'lr-0.1', values: { accuracy: 0.999 } },
        { runId: RUN_B, name: 'lr-0.01', values: { accuracy: 'NaN' } },
      ],
    },
    // ReportRenderer appends the artifact blocks after the run panels. The alias "production" no longer resolves,
    // so its artifact is omitted (the server leaves null fields out); version 3 resolves, with awkward file paths.
    { blockId: 'model', type: 'artifactReference', artifactName: 'resnet-weights', ref: 'production' },
    {
      blockId: 'data',
      type: 'artifactReference',
      artifactName: 'imagenet-subset',
      ref: '3',
      artifact: {
        artifactId: ARTIFACT_ID,
        name: 'imagenet-subset',
        type: 'dataset',
        version: 3,
        description: '10 classes, 128 px, deduplicated.',
        totalBytes: 1_610_612_736 + 2048 + 5,
        files: [
          { path: 'train/shard 01.tar', size: 1_610_612_736, sha256: SHA_A },
          { path: 'labels #1?a=b&c=d.csv', size: 2048, sha256: SHA_B },
          { path: 'notes/résumé ✓.txt', size: 5, sha256: SHA_C },
        ],
        committedAt: '2026-11-19T12:00:00Z',
      },
    },
  ],
};

export const comments: Comment[] = [
  { id: 'c1', body: 'Nice sweep.', author: 'ada@acme.test', createdAt: '2026-11-21T18:00:00Z' },
  { id: 'c2', blockId: 'loss', body: 'Why does lr-0.01 plateau?', author: 'grace@acme.test', createdAt: '2026-11-21T18:05:00Z' },
];

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
