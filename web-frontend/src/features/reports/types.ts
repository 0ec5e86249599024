import type { components } from '../../lib/api/generated/runledger.ts';

type Schemas = components['schemas'];

/**
 * The Reports API's JSON where the OpenAPI document does not say enough. The views (report, shared report, comment)
 * are the document's own types with the fields the server always sets made required; what is typed here by hand is
 * what the document leaves open: the blocks (ReportJson.write; "any JSON value" in the document) and the panel data
 * of /data, whose doubles may be the strings "NaN"/"Infinity" (the document says number) and whose x values it leaves
 * untyped (api/src/main/java/io/runledger/api/reports/RenderedReport.java).
 *
 * The server omits null fields (`spring.jackson.default-property-inclusion: non_null`), so every field the
 * Java side may leave null is optional here. Instants are ISO-8601 strings. Doubles that are NaN or ±Infinity
 * arrive as the strings "NaN", "Infinity", "-Infinity" (Jackson's default).
 */

export type NonFinite = 'NaN' | 'Infinity' | '-Infinity';
/** A Java double as Jackson writes it. */
export type JsonDouble = number | NonFinite;

/** A panel's runs: a fixed list of run ids, or a saved search evaluated at every render. */
export type RunSet =
  | { runIds: string[] }
  | { filter?: string; orderBy?: string[]; limit: number };

export type XAxis = 'step' | 'timestamp' | 'relative' | `metric:${string}`;
export type ChartMode = 'LTTB' | 'BUCKETS' | 'RAW';
export type Aggregate = 'last' | 'min' | 'max';

export interface MarkdownBlock {
  id: string;
  type: 'markdown';
  text: string;
}

export interface LineChartBlock {
  id: string;
  type: 'lineChart';
  title: string;
  runSet: RunSet;
  metrics: string[];
  xAxis: XAxis;
  mode: ChartMode;
  points: number;
  smoothing?: number;
}

export interface RunsTableBlock {
  id: string;
  type: 'runsTable';
  title: string;
  runSet: RunSet;
  columns: string[];
}

export interface ScalarComparisonBlock {
  id: string;
  type: 'scalarComparison';
  title: string;
  runSet: RunSet;
  metrics: string[];
  aggregate: Aggregate;
}

/** Exactly one of version and alias is set. */
export interface ArtifactReferenceBlock {
  id: string;
  type: 'artifactReference';
  artifactName: string;
  version?: string;
  alias?: string;
}

export type Block = MarkdownBlock | LineChartBlock | RunsTableBlock | ScalarComparisonBlock | ArtifactReferenceBlock;
export type PanelBlock = LineChartBlock | RunsTableBlock | ScalarComparisonBlock;

/** GET /api/v1/reports/{id}: the document's ReportView with its blocks typed. */
export type ReportView = Required<Omit<Schemas['ReportView'], 'blocks'>> & { blocks: Block[] };

/** GET /api/v1/shared/reports/{token}; snapshotAt is set for snapshot links, expiresAt when the link expires. */
export type SharedReportView = Required<Omit<Schemas['SharedReportView'], 'blocks' | 'snapshotAt' | 'expiresAt'>> &
  Pick<Schemas['SharedReportView'], 'snapshotAt' | 'expiresAt'> & { blocks: Block[] };

/** What both report screens render: the common part of the two views. */
export type ReportDocument = Pick<ReportView, 'version' | 'title' | 'description' | 'blocks'>;

export interface RunRef {
  id: string;
  name: string;
}

/** Sampling.Buckets: bucket envelopes (BUCKETS mode); empty buckets hold NaN. */
export interface Buckets {
  start: JsonDouble[];
  end: JsonDouble[];
  count: number[];
  min: JsonDouble[];
  max: JsonDouble[];
  first: JsonDouble[];
  last: JsonDouble[];
  mean: JsonDouble[];
}

/**
 * RenderedReport.ChartSeries. x and y for LTTB and RAW, buckets for BUCKETS. On the step axis x holds integer
 * steps; on timestamp epoch milliseconds, on relative milliseconds since the run started.
 */
export interface ChartSeries {
  runId: string;
  key: string;
  pointCount: number;
  x?: JsonDouble[];
  y?: JsonDouble[];
  buckets?: Buckets;
}

export interface ChartData {
  blockId: string;
  type: 'lineChart';
  xAxis: XAxis;
  mode: ChartMode;
  runs: RunRef[];
  series: ChartSeries[];
}

/** A cell is a string (attributes, params, tags) or a number (metrics); absent when the run has no value. */
export type CellValue = string | JsonDouble;

export interface TableRow {
  runId: string;
  cells: Record<string, CellValue>;
}

export interface TableData {
  blockId: string;
  type: 'runsTable';
  columns: string[];
  rows: TableRow[];
}

export interface ComparisonRow {
  runId: string;
  name: string;
  values: Record<string, JsonDouble>;
}

export interface ComparisonData {
  blockId: string;
  type: 'scalarComparison';
  aggregate: Aggregate;
  metrics: string[];
  rows: ComparisonRow[];
}

/** ArtifactReferences.FileInfo: one file of a committed artifact version. */
export interface ArtifactFile {
  path: string;
  size: number;
  sha256: string;
}

/** ArtifactReferences.Resolved: the committed version an artifact block named when the report was rendered. */
export interface ResolvedArtifact {
  artifactId: string;
  name: string;
  type: string;
  version: number;
  description?: string;
  totalBytes: number;
  files: ArtifactFile[];
  committedAt: string;
}

/**
 * RenderedReport.ArtifactData. `ref` is what the block asked for: its version, else its alias, else "latest".
 * `artifact` is absent (null, omitted) when the reference no longer resolves (deleted, renamed, alias moved away).
 */
export interface ArtifactData {
  blockId: string;
  type: 'artifactReference';
  artifactName: string;
  ref: string;
  artifact?: ResolvedArtifact | null;
}

export type PanelData = ChartData | TableData | ComparisonData | ArtifactData;

/** GET .../data: RenderedReport. */
export interface RenderedReport {
  reportId: string;
  version: number;
  renderedAt: string;
  panels: PanelData[];
}

/** A comment; blockId absent for a comment on the whole report. */
export type Comment = Required<Omit<Schemas['CommentView'], 'blockId'>> & Pick<Schemas['CommentView'], 'blockId'>;

/** A JSON double as a JS number (NaN and the infinities included). */
export function toNumber(value: JsonDouble): number {
  if (typeof value === 'number') return value;
  return value === 'NaN' ? Number.NaN : value === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
