import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { finiteExtent } from './chartMath.ts';
import { LineChart, type Line } from './LineChart.tsx';

/** A stand-in uPlot that records what the chart asks of it: how often it is built, and the scales it is given. */
const built: { scales: Record<string, { range: [number, number] }>; setScale: ReturnType<typeof vi.fn>; destroyed: boolean }[] = [];

vi.mock('uplot', () => ({
  default: class {
    static paths = { linear: () => () => null };
    over = document.createElement('div');
    width = 640;
    setScale = vi.fn();
    destroyed = false;
    scales: Record<string, { range: [number, number] }>;
    constructor(options: { scales: Record<string, { range: [number, number] }> }) {
      this.scales = options.scales;
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

  it('builds a new chart, on the zoomed range, when finer data for it arrives', () => {
    const view = render(<LineChart lines={lines} xKind="step" label="loss" xRange={[10, 20]} />);
    const finer = lines.map((l) => ({ ...l, x: [10, 15, 20], y: [3, 2.5, 2] }));

    view.rerender(<LineChart lines={finer} xKind="step" label="loss" xRange={[10, 20]} />);

    expect(built).toHaveLength(2);
    expect(built[0]!.destroyed).toBe(true);
    expect(built[1]!.scales.x!.range).toEqual([10, 20]);
    expect(built[1]!.setScale).not.toHaveBeenCalled();
  });
});
