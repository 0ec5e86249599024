import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import uPlot from 'uplot';
import { chartOptions } from './LineChartPanel.tsx';
import { chartModel } from './chartData.ts';
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

/** uPlot lays out and draws in a microtask after construction. */
async function draw(block: LineChartBlock, data: ChartData): Promise<uPlot> {
  const [options, facets] = chartOptions(chartModel(block, data), 640);
  const target = document.createElement('div');
  document.body.append(target);
  const plot = new uPlot({ ...options, hooks: {} }, facets as unknown as uPlot.AlignedData, target);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return plot;
}

describe('real uPlot in faceted mode', () => {
  it('builds a chart and strokes a path for each run with the panel options', async () => {
    const block = sharedView.blocks[1] as LineChartBlock;
    const data = renderedReport.panels[0] as ChartData;

    const plot = await draw(block, data);

    expect(plot.series).toHaveLength(3);
    expect(plot.scales['x']!.min).toBe(0);
    expect(plot.scales['x']!.max).toBe(999);
    expect(strokes.filter((path) => path instanceof RecordingPath2D).length).toBeGreaterThanOrEqual(2);
    expect(lineTos).toBeGreaterThan(0);
    plot.destroy();
  });

  it('builds time and relative-time axes without throwing', async () => {
    const block = { ...(sharedView.blocks[1] as LineChartBlock), xAxis: 'relative' as const };
    const base = renderedReport.panels[0] as ChartData;
    for (const xAxis of ['timestamp', 'relative'] as const) {
      const data: ChartData = {
        ...base,
        xAxis,
        series: base.series.map((series) => ({ ...series, x: [1763740800000, 1763740860000, 1763744400000] })),
      };
      const plot = await draw({ ...block, xAxis }, data);
      expect(plot.scales['x']!.time).toBe(xAxis === 'timestamp');
      plot.destroy();
    }
  });
});
