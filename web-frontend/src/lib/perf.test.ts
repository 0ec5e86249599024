import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { PERF_MARKS, rowsMark, useChartsDrawnMark, useReportDrawnMark, useRowsPaintedMark } from './perf.ts';

function marks(name: string): { detail: unknown }[] {
  return performance.getEntriesByName(name, 'mark') as unknown as { detail: unknown }[];
}

afterEach(() => performance.clearMarks());

describe('which mark a row set earns', () => {
  const a = { id: 'a' };
  const b = { id: 'b' };
  const c = { id: 'c' };

  it('marks the first rows once, and nothing while there are none', () => {
    expect(rowsMark(undefined, [])).toBeUndefined();
    expect(rowsMark(undefined, [a, b])).toBe(PERF_MARKS.rowsFirstPainted);
  });

  it('calls a next page appended while scrolling no repaint', () => {
    const first = [a, b];
    expect(rowsMark(first, [...first, c])).toBeUndefined();
    expect(rowsMark(first, first)).toBeUndefined();
  });

  it('calls other rows (a new sort or filter) a repaint, also when they are fewer, more, or none', () => {
    expect(rowsMark([a, b], [b, a])).toBe(PERF_MARKS.rowsRepainted);
    expect(rowsMark([a, b], [a])).toBe(PERF_MARKS.rowsRepainted);
    expect(rowsMark([a, b], [c, a, b])).toBe(PERF_MARKS.rowsRepainted);
    expect(rowsMark([a, b], [])).toBe(PERF_MARKS.rowsRepainted);
    expect(rowsMark([], [a])).toBe(PERF_MARKS.rowsRepainted);
    expect(rowsMark([], [])).toBeUndefined();
  });
});

describe('the runs table marks', () => {
  it('sets the first-painted mark after the next frame, and a repaint only for settled new rows', async () => {
    const first = [{ id: 'a' }, { id: 'b' }];
    const { rerender } = renderHook(({ rows, settled }) => useRowsPaintedMark(rows, settled), {
      initialProps: { rows: [] as { id: string }[], settled: false },
    });
    rerender({ rows: first, settled: true });
    // Not before the frame is painted.
    expect(marks(PERF_MARKS.rowsFirstPainted)).toHaveLength(0);
    await vi.waitFor(() => expect(marks(PERF_MARKS.rowsFirstPainted)).toHaveLength(1));
    expect(marks(PERF_MARKS.rowsFirstPainted)[0]!.detail).toEqual({ rows: 2 });

    // A placeholder (the old rows while the new sort loads) marks nothing; the new rows do.
    rerender({ rows: first, settled: false });
    const sorted = [{ id: 'b' }, { id: 'a' }, { id: 'c' }];
    rerender({ rows: sorted, settled: true });
    await vi.waitFor(() => expect(marks(PERF_MARKS.rowsRepainted)).toHaveLength(1));
    expect(marks(PERF_MARKS.rowsRepainted)[0]!.detail).toEqual({ rows: 3 });

    // Scrolling on appends a page: no mark.
    rerender({ rows: [...sorted, { id: 'd' }], settled: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks(PERF_MARKS.rowsRepainted)).toHaveLength(1);
    expect(marks(PERF_MARKS.rowsFirstPainted)).toHaveLength(1);
  });
});

describe('the report mark', () => {
  it('marks a report once, when its panels are drawn, and not again when they are drawn anew', async () => {
    const { rerender } = renderHook(({ drawn }) => useReportDrawnMark(drawn), {
      initialProps: { drawn: undefined as { panels: number; charts: number; series: number } | undefined },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks(PERF_MARKS.reportDrawn)).toHaveLength(0);

    rerender({ drawn: { panels: 3, charts: 2, series: 200 } });
    await vi.waitFor(() => expect(marks(PERF_MARKS.reportDrawn)).toHaveLength(1));
    expect(marks(PERF_MARKS.reportDrawn)[0]!.detail).toEqual({ panels: 3, charts: 2, series: 200 });

    rerender({ drawn: { panels: 3, charts: 2, series: 201 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks(PERF_MARKS.reportDrawn)).toHaveLength(1);
  });
});

describe('the chart grid marks', () => {
  it('marks drawn data with its series and points, zoomed data as a zoom, and nothing for a placeholder', async () => {
    const answer = { series: [{ pointCount: 10 }, { pointCount: 5 }] };
    const { rerender } = renderHook(({ data, zoomed }) => useChartsDrawnMark(data, zoomed), {
      initialProps: { data: undefined as typeof answer | undefined, zoomed: false },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks(PERF_MARKS.chartsDrawn)).toHaveLength(0);

    rerender({ data: answer, zoomed: false });
    await vi.waitFor(() => expect(marks(PERF_MARKS.chartsDrawn)).toHaveLength(1));
    expect(marks(PERF_MARKS.chartsDrawn)[0]!.detail).toEqual({ series: 2, points: 15 });

    rerender({ data: undefined, zoomed: true });
    rerender({ data: { series: [{ pointCount: 3 }] }, zoomed: true });
    await vi.waitFor(() => expect(marks(PERF_MARKS.chartsZoomDrawn)).toHaveLength(1));
    expect(marks(PERF_MARKS.chartsZoomDrawn)[0]!.detail).toEqual({ series: 1, points: 3 });
    expect(marks(PERF_MARKS.chartsDrawn)).toHaveLength(1);
  });
});

describe('the benchmark script', () => {
  it('waits for exactly the marks this module sets', () => {
    const script = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../bench/ui-bench.mjs'), 'utf8');
    const block = /const MARK = \{([^}]*)\}/.exec(script)?.[1] ?? '';
    const names = Object.fromEntries([...block.matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]));
    expect(names).toEqual(PERF_MARKS);
  });
});
