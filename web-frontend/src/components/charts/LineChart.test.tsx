import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { finiteExtent } from './chartMath.ts';
import { LineChart, type Line } from './LineChart.tsx';

/** A stand-in uPlot that records what the chart asks of it: how often it is built, and the scales it is given. */
const built: {
  scales: Record<string, { range: [number, number] }>;
  setScale: ReturnType<typeof vi.fn>;
  setData: ReturnType<typeof vi.fn>;
  data: unknown;
  destroyed: boolean;
}[] = [];

vi.mock('uplot', () => ({
  default: class {
    static paths = { linear: () => () => null };
    over = document.createElement('div');
    width = 640;
    setScale = vi.fn();
    setData = vi.fn();
    destroyed = false;
    scales: Record<string, { range: [number, number] }>;
    data: unknown;
    constructor(options: { scales: Record<string, { range: [number, number] }> }, data: unknown) {
      this.scales = options.scales;
      this.data = data;
      built.push(this);
    }
    batch(fn: () => void) {
      fn();
    }
    setSize() {}
    destroy() {
      this.destroyed = true;
    }
  },
}));

const lines: Line[] = [
  { id: 'a', label: 'run a', color: '#1f77b4', x: [0, 10, 20, 30], y: [4, 3, 2, 1] },
  { id: 'b', label: 'run b', color: '#ff7f0e', x: [0, 10, 20, 30], y: [8, 6, 5, 4] },
];

beforeEach(() => {
  built.length = 0;
});

describe('LineChart', () => {
  it('rescales the chart it has when only the zoomed range changes, instead of building it again', () => {
    const view = render(<LineChart lines={lines} xKind="step" label="loss" />);
    expect(built).toHaveLength(1);
    expect(built[0]!.scales.x!.range).toEqual(finiteExtent([0, 30]));

    view.rerender(<LineChart lines={lines} xKind="step" label="loss" xRange={[10, 20]} />);

    expect(built).toHaveLength(1);
    expect(built[0]!.setScale).toHaveBeenCalledWith('x', { min: 10, max: 20 });
    // The y-axis fits what lies in the range: run a 3..2, run b 6..5.
    const [min, max] = finiteExtent([3, 2, 6, 5])!;
    expect(built[0]!.setScale).toHaveBeenCalledWith('y', { min, max });
  });

  it('hands finer data for the zoomed range to the chart it has instead of building it again', () => {
    const view = render(<LineChart lines={lines} xKind="step" label="loss" xRange={[10, 20]} />);
    const finer = lines.map((l) => ({ ...l, x: [10, 15, 20], y: [3, 2.5, 2] }));

    view.rerender(<LineChart lines={finer} xKind="step" label="loss" xRange={[10, 20]} />);

    expect(built).toHaveLength(1);
    expect(built[0]!.destroyed).toBe(false);
    expect(built[0]!.setData).toHaveBeenCalledWith([null, [finer[0]!.x, finer[0]!.y], [finer[1]!.x, finer[1]!.y]], false);
    expect(built[0]!.setScale).toHaveBeenCalledWith('x', { min: 10, max: 20 });
    const [min, max] = finiteExtent([3, 2.5, 2])!;
    expect(built[0]!.setScale).toHaveBeenCalledWith('y', { min, max });
  });

  it('builds the chart again when the lines drawn change, not only their data', () => {
    const view = render(<LineChart lines={lines} xKind="step" label="loss" />);
    const withEnvelope = lines.map((l) => ({ ...l, band: { min: l.y, max: l.y } }));

    view.rerender(<LineChart lines={withEnvelope} xKind="step" label="loss" />);
    view.rerender(<LineChart lines={withEnvelope} xKind="step" label="loss" hidden={new Set(['a'])} />);

    expect(built).toHaveLength(3);
    expect(built[0]!.destroyed).toBe(true);
    expect(built[1]!.destroyed).toBe(true);
    // Envelope min and max and the line, for run b only.
    expect(built[2]!.data).toEqual([null, [lines[1]!.x, lines[1]!.y], [lines[1]!.x, lines[1]!.y], [lines[1]!.x, lines[1]!.y]]);
    expect(built[2]!.setData).not.toHaveBeenCalled();
  });
});
