import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import { LineChartPanel } from './LineChartPanel.tsx';
import { renderedReport, sharedView } from './fixtures.ts';
import type { ChartData, LineChartBlock } from './types.ts';

/**
 * The real uPlot with the options the panel builds, on a canvas that records drawing calls (happy-dom has no
 * canvas). Catches option mistakes in faceted mode that a mocked uplot cannot: uPlot must build, lay out and
 * stroke one path per line without throwing.
 */
const strokes: unknown[] = [];
let lineTos = 0;

class RecordingPath2D {
  moveTo() {}
  lineTo() {
    lineTos++;
  }
  rect() {}
  arc() {}
  closePath() {}
  addPath() {}
  bezierCurveTo() {}
}

function recordingContext(): CanvasRenderingContext2D {
  const target: Record<string, unknown> = {
    measureText: (text: string) => ({ width: text.length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    stroke: (path?: unknown) => strokes.push(path),
    getLineDash: () => [],
  };
  return new Proxy(target, {
    get: (t, key: string) => (key in t ? t[key] : () => undefined),
    set: (t, key: string, value) => {
      t[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

beforeEach(() => {
  strokes.length = 0;
  lineTos = 0;
  vi.stubGlobal('Path2D', RecordingPath2D);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () => recordingContext() as unknown as ReturnType<HTMLCanvasElement['getContext']>,
  );
});

afterEach(() => {
  document.body.innerHTML = '';
});

/** The report's panel as the page renders it; uPlot lays out and draws in a microtask after construction. */
async function draw(block: LineChartBlock, data: ChartData) {
  const view = render(<LineChartPanel block={block} data={data} />);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return view;
}

describe('real uPlot in faceted mode', () => {
  it('builds a chart through the shared LineChart and strokes a path for each run', async () => {
    const block = sharedView.blocks[1] as LineChartBlock;
    const data = renderedReport.panels[0] as ChartData;

    const view = await draw(block, data);

    expect(view.container.querySelector('.uplot')).not.toBeNull();
    expect(strokes.filter((path) => path instanceof RecordingPath2D).length).toBeGreaterThanOrEqual(2);
    expect(lineTos).toBeGreaterThan(0);
    view.unmount();
  });

  it('builds time and relative-time axes without throwing', async () => {
    const block = { ...(sharedView.blocks[1] as LineChartBlock), xAxis: 'relative' as const };
    const base = renderedReport.panels[0] as ChartData;
    for (const xAxis of ['timestamp', 'relative'] as const) {
      lineTos = 0;
      const data: ChartData = {
        ...base,
        xAxis,
        series: base.series.map((series) => ({ ...series, x: [1763740800000, 1763740860000, 1763744400000] })),
      };
      const view = await draw({ ...block, xAxis }, data);
      expect(view.container.querySelector('.uplot')).not.toBeNull();
      expect(lineTos).toBeGreaterThan(0);
      view.unmount();
    }
  });
});
