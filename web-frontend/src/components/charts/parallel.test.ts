import { describe, expect, it } from 'vitest';
import { passes, position, rankOf, scaleOf, sequentialColor } from './parallel.ts';

describe('parallel coordinates', () => {
  it('makes an axis of numbers numeric, and logarithmic when it spans decades', () => {
    const lr = scaleOf(['1e-4', '3e-4', '0.001', '0.01', undefined]);
    expect(lr).toMatchObject({ kind: 'numeric', min: 1e-4, max: 0.01, log: true });
    expect(lr.kind === 'numeric' && lr.ticks).toEqual([1e-4, 1e-3, 1e-2]);
    expect(position(lr, '0.001')).toBeCloseTo(0.5);
    const batch = scaleOf(['64', '128', '256']);
    expect(batch).toMatchObject({ kind: 'numeric', log: false });
    expect(position(batch, '64')).toBe(0);
    expect(position(batch, 256)).toBe(1);
  });

  it('makes an axis with any word in it categorical, in natural order, and spreads the categories', () => {
    const scale = scaleOf(['sgd', 'adamw', '10', '2', 'sgd']);
    expect(scale).toEqual({ kind: 'categorical', categories: ['2', '10', 'adamw', 'sgd'] });
    expect(position(scale, 'sgd')).toBe(1);
    expect(position(scale, '10')).toBeCloseTo(1 / 3);
    expect(position(scale, 'rmsprop')).toBeUndefined();
    expect(position(scaleOf(['only']), 'only')).toBe(0.5);
  });

  it('gives a constant numeric axis room instead of dividing by zero', () => {
    const scale = scaleOf([5, 5]);
    expect(position(scale, 5)).toBe(0.5);
  });

  it('colours low values blue and high values orange, through a neutral middle', () => {
    expect(sequentialColor(0)).toBe('#2f6fd0');
    expect(sequentialColor(1)).toBe('#e07a10');
    expect(sequentialColor(0.5)).toBe('#9a95ab');
    expect(sequentialColor(Number.NaN)).toBe('#9a95ab');
  });

  it('keeps a line that passes every brush, and drops one without a value on a brushed axis', () => {
    expect(passes([0.2, 0.9], [undefined, [1, 0.8]])).toBe(true);
    expect(passes([0.2, 0.5], [undefined, [0.8, 1]])).toBe(false);
    expect(passes([0.2, undefined], [undefined, [0, 1]])).toBe(false);
    expect(passes([0.2, undefined], [])).toBe(true);
  });

  it('ranks values for colour: evenly spread whatever their spread, ties together, missing left out', () => {
    expect(rankOf([0.4, 213, 0.5, 0.4, undefined])).toEqual([0, 1, 0.5, 0, undefined]);
    expect(rankOf([3])).toEqual([0.5]);
  });
});
