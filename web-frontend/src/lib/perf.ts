import { useEffect, useRef } from 'react';

/**
 * Performance marks the UI sets for the `ui-*` benchmarks (bench/README.md, web-frontend/bench/ui-bench.mjs). Each
 * is a `performance.mark` with a small `detail`, set just after the frame that shows the result was painted, so a
 * mark's `startTime` is when a person could see it, not when a request was sent or React committed.
 *
 * | mark | when | detail |
 * |---|---|---|
 * | `runs:rows-painted` | the runs table's first rows are on screen (once per table mount) | `{ rows }` loaded rows |
 * | `runs:rows-repainted` | the rows of a new sort or filter replaced the previous ones on screen (not a next page appended while scrolling) | `{ rows }` |
 * | `charts:drawn` | every chart panel of the workspace/compare grid drawn from freshly fetched data (one query feeds all panels) | `{ series, points }` |
 * | `charts:zoom-drawn` | the same after a drag-zoom, once the finer buckets for the range are drawn (not the old ones stretched) | `{ series, points }` |
 * | `report:drawn` | every panel of a report (member or share-link page) drawn from its `/data` answer (once per page) | `{ panels, charts, series }` |
 */
export const PERF_MARKS = {
  rowsFirstPainted: 'runs:rows-painted',
  rowsRepainted: 'runs:rows-repainted',
  chartsDrawn: 'charts:drawn',
  chartsZoomDrawn: 'charts:zoom-drawn',
  reportDrawn: 'report:drawn',
} as const;

export type PerfMark = (typeof PERF_MARKS)[keyof typeof PERF_MARKS];

/**
 * Runs `fn` once the next frame has been painted: a requestAnimationFrame callback runs just before the frame's
 * style, layout and paint, and a task queued from it runs after them.
 */
export function afterNextPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

export function markAfterPaint(name: PerfMark, detail: Record<string, number>): void {
  afterNextPaint(() => performance.mark(name, { detail }));
}

/**
 * Which mark a settled row set earns, given the one shown before it (undefined: none yet). A next cursor page keeps
 * the loaded row objects in front, so "same first and last previous row, more rows" is scrolling, not a repaint.
 */
export function rowsMark(previous: readonly unknown[] | undefined, rows: readonly unknown[]): PerfMark | undefined {
  if (previous === undefined) return rows.length > 0 ? PERF_MARKS.rowsFirstPainted : undefined;
  if (rows === previous || (rows.length === 0 && previous.length === 0)) return undefined;
  const appended =
    previous.length > 0 &&
    rows.length > previous.length &&
    rows[0] === previous[0] &&
    rows[previous.length - 1] === previous[previous.length - 1];
  return appended ? undefined : PERF_MARKS.rowsRepainted;
}

/** The runs table's marks: call with the rows on screen and whether they are the current answer (not a placeholder). */
export function useRowsPaintedMark(rows: readonly unknown[], settled: boolean): void {
  const shown = useRef<readonly unknown[] | undefined>(undefined);
  useEffect(() => {
    if (!settled) return;
    const name = rowsMark(shown.current, rows);
    if (shown.current !== undefined || rows.length > 0) shown.current = rows;
    if (name) markAfterPaint(name, { rows: rows.length });
  }, [rows, settled]);
}

/**
 * The chart grid's marks: call with the series answer once it is the one for the current view (undefined while a
 * placeholder or nothing is shown). React runs a parent's effects after its children's, so when this runs the panels
 * of the same commit have built their charts.
 */
export function useChartsDrawnMark(
  answer: { series?: readonly { pointCount?: number }[] } | undefined,
  zoomed: boolean,
): void {
  useEffect(() => {
    if (!answer) return;
    const series = answer.series ?? [];
    const points = series.reduce((sum, s) => sum + (s.pointCount ?? 0), 0);
    markAfterPaint(zoomed ? PERF_MARKS.chartsZoomDrawn : PERF_MARKS.chartsDrawn, { series: series.length, points });
  }, [answer, zoomed]);
}

/**
 * A report's mark: call with what the page drew once every panel has its data (undefined before). Called from the
 * component that renders the panels, whose effects run after theirs, so the charts are built when it runs; marked
 * once per page, not again when a later answer (an edit, a refetch) redraws them.
 */
export function useReportDrawnMark(drawn: { panels: number; charts: number; series: number } | undefined): void {
  const marked = useRef(false);
  useEffect(() => {
    if (!drawn || marked.current) return;
    marked.current = true;
    markAfterPaint(PERF_MARKS.reportDrawn, drawn);
  }, [drawn]);
}
