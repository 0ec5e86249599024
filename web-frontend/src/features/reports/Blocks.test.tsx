import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ReportBlocks } from './Blocks.tsx';
import { renderedReport, RUN_A, RUN_B, sharedView } from './fixtures.ts';
import type { ChartData, LineChartBlock } from './types.ts';
import { runColor } from '../../lib/colors.ts';

// uPlot draws on a canvas, which happy-dom lacks: record what the panel hands it instead.
const uplot = vi.hoisted(() => {
  const instances: { opts: any; data: any; target: HTMLElement; destroy: ReturnType<typeof vi.fn>; setSize: ReturnType<typeof vi.fn> }[] = [];
  const UPlot = vi.fn(function (this: any, opts: any, data: any, target: HTMLElement) {
    this.width = opts.width;
    this.destroy = vi.fn();
    this.setSize = vi.fn();
    this.over = document.createElement('div');
    this.batch = (fn: () => void) => fn();
    instances.push({ opts, data, target, destroy: this.destroy, setSize: this.setSize });
  }) as any;
  UPlot.paths = { linear: () => 'linear-path-builder' };
  return { instances, UPlot };
});
vi.mock('uplot', () => ({ default: uplot.UPlot }));

beforeEach(() => {
  uplot.instances.length = 0;
});

describe('ReportBlocks', () => {
  it('renders every block in order once the data is loaded', () => {
    const { container } = render(
      <ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />,
    );

    expect([...container.querySelectorAll('[data-block-id]')].map((el) => el.getAttribute('data-block-id'))).toEqual([
      'intro',
      'loss',
      'table',
      'best',
      'model',
      'data',
    ]);
  });

  it('renders markdown text', () => {
    render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />);

    expect(screen.getByRole('heading', { name: 'Sweep results' })).toBeTruthy();
    expect(screen.getByText('lr=0.1').tagName).toBe('STRONG');
  });

  it('draws one uPlot line per run and metric with the values as served, and a legend of run names', () => {
    render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />);

    expect(uplot.instances).toHaveLength(1);
    const { opts, data } = uplot.instances[0]!;
    expect(opts.mode).toBe(2);
    expect(opts.series.slice(1).map((s: any) => s.label)).toEqual(['lr-0.1', 'lr-0.01']);
    expect(opts.scales.x.time).toBe(false);
    // The workspace's colours: a run is drawn in the colour it has in the runs table and on its page.
    expect(opts.series.slice(1).map((s: any) => s.stroke)).toEqual([runColor(RUN_A), runColor(RUN_B)]);
    expect(screen.getByText(/by step/)).toBeTruthy();
    // Faceted data: each run keeps its own x; NaN becomes a gap (null).
    expect(data).toEqual([
      null,
      [
        [0, 10, 999],
        [1.0, 0.5, 0.01],
      ],
      [
        [0, 20, 999],
        [1.0, null, 0.2],
      ],
    ]);
    const legend = screen.getByRole('list', { name: 'Runs' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['lr-0.1', 'lr-0.01']);
  });

  it('labels lines by run and metric when a chart shows several metrics, on a time axis in milliseconds', () => {
    const block: LineChartBlock = {
      id: 'acc',
      type: 'lineChart',
      title: '',
      runSet: { runIds: [RUN_A] },
      metrics: ['train/acc', 'val/acc'],
      xAxis: 'timestamp',
      mode: 'RAW',
      points: 250,
    };
    const data: ChartData = {
      blockId: 'acc',
      type: 'lineChart',
      xAxis: 'timestamp',
      mode: 'RAW',
      runs: [{ id: RUN_A, name: 'lr-0.1' }],
      series: [
        { runId: RUN_A, key: 'train/acc', pointCount: 2, x: [1763740800000, 1763740860000], y: [0.5, 0.7] },
        { runId: RUN_A, key: 'val/acc', pointCount: 2, x: [1763740800000, 1763740860000], y: [0.4, 'Infinity'] },
      ],
    };

    render(<ReportBlocks blocks={[block]} panels={{ kind: 'loaded', data: { ...renderedReport, panels: [data] } }} />);

    const { opts, data: drawn } = uplot.instances[0]!;
    expect(opts.series.slice(1).map((s: any) => s.label)).toEqual(['lr-0.1 · train/acc', 'lr-0.1 · val/acc']);
    expect(opts.scales.x.time).toBe(true);
    expect(opts.ms).toBe(1);
    expect(drawn[2]).toEqual([
      [1763740800000, 1763740860000],
      [0.4, null],
    ]);
    expect(screen.getByRole('list', { name: 'Metrics' }).textContent).toContain('val/acc');
    // Same run, same colour; the second metric is dashed.
    expect(opts.series[1].stroke).toBe(opts.series[2].stroke);
    expect(opts.series[1].dash).toBeUndefined();
    expect(opts.series[2].dash).toEqual([6, 3]);
  });

  it('draws bucket answers through the bucket means', () => {
    const block: LineChartBlock = { ...(sharedView.blocks[1] as LineChartBlock), mode: 'BUCKETS' };
    const data: ChartData = {
      blockId: 'loss',
      type: 'lineChart',
      xAxis: 'step',
      mode: 'BUCKETS',
      runs: [{ id: RUN_A, name: 'lr-0.1' }],
      series: [
        {
          runId: RUN_A,
          key: 'loss',
          pointCount: 30,
          buckets: {
            start: [0, 10, 20],
            end: [10, 20, 30],
            count: [10, 0, 10],
            min: [0.5, 'NaN', 0.1],
            max: [1, 'NaN', 0.3],
            first: [1, 'NaN', 0.3],
            last: [0.5, 'NaN', 0.1],
            mean: [0.75, 'NaN', 0.2],
          },
        },
      ],
    };

    render(<ReportBlocks blocks={[block]} panels={{ kind: 'loaded', data: { ...renderedReport, panels: [data] } }} />);

    expect(uplot.instances[0]!.data[1]).toEqual([
      [5, 15, 25],
      [0.75, null, 0.2],
    ]);
    expect(screen.getByText(/bucket means/)).toBeTruthy();
  });

  it('destroys the chart on unmount and does not redraw it when the page re-renders with the same data', () => {
    const panels = { kind: 'loaded' as const, data: renderedReport };
    const { rerender, unmount } = render(<ReportBlocks blocks={sharedView.blocks} panels={panels} />);

    rerender(<ReportBlocks blocks={sharedView.blocks} panels={panels} />);
    expect(uplot.instances).toHaveLength(1);

    unmount();
    expect(uplot.instances[0]!.destroy).toHaveBeenCalledTimes(1);
  });

  it('renders the runs table with the chosen columns and a dash for a missing value', () => {
    render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />);

    const table = screen.getAllByRole('table')[0]!;
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['run', 'state', 'params.lr', 'tags.stage', 'started_at', 'metrics.loss', 'max(metrics.grad_norm)']);
    const rows = within(table).getAllByRole('row').slice(1).map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['lr-0.1', 'FINISHED', '0.1', 'sweep', '2026-11-21 08:00:00 UTC', '0.001', '∞'],
      ['lr-0.01', 'RUNNING', 'NaN', 'sweep', '2026-11-21 09:30:00 UTC', '—', '—'],
    ]);
  });

  it('renders the scalar comparison per run and metric, NaN spelled out', () => {
    render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />);

    const table = screen.getAllByRole('table')[1]!;
    const rows = within(table).getAllByRole('row').map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['run', 'accuracy'],
      ['lr-0.1', '0.999'],
      ['lr-0.01', 'NaN'],
    ]);
    expect(screen.getByText('max value per run')).toBeTruthy();
  });

  it('renders artifact references as name plus version or alias until the data resolves them', () => {
    const { container } = render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loading' }} />);

    const refs = [...container.querySelectorAll('.artifact-reference')].map((el) => el.textContent);
    expect(refs).toEqual(['Artifact resnet-weights alias production', 'Artifact imagenet-subset version 3']);
  });

  it('shows blocks at once and says the panels are loading, then failing, without drawing charts', () => {
    const { rerender } = render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loading' }} />);
    expect(screen.getAllByText('Loading data…')).toHaveLength(3);
    expect(screen.getByRole('heading', { name: 'Sweep results' })).toBeTruthy();

    rerender(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'failed', message: 'timeout' }} />);
    expect(screen.getAllByRole('alert')).toHaveLength(3);
    expect(uplot.instances).toHaveLength(0);
    void RUN_B;
  });
});
