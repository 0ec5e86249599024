import { describe, expect, it } from 'vitest';
import { ema, finiteExtent, nearestIndex } from './chartMath.ts';

describe('chart math', () => {
  it('ranges over finite values only, with room around a flat line and nothing non-positive on a log axis', () => {
    expect(finiteExtent([1, null, NaN, Infinity, 3])).toEqual([1 - 0.08, 3 + 0.08]);
    expect(finiteExtent([2, 2])).toEqual([1.9, 2.1]);
    expect(finiteExtent([null, NaN])).toBeUndefined();
    expect(finiteExtent([-1, 0, 10], true)).toEqual([10 / 1.5, 15]);
  });

  it('finds the nearest x by binary search, ties to the left', () => {
    const xs = [0, 10, 20, 30];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 15)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('smooths with a debiased EMA that keeps gaps and starts at the first value', () => {
    const out = ema([10, 10, null, 20], 0.5);
    expect(out[0]).toBeCloseTo(10);
    expect(out[1]).toBeCloseTo(10);
    expect(out[2]).toBeNull();
    // (0.5*(0.5*5+5)+10)/(1-0.125) = 13.75/0.875
    expect(out[3]).toBeCloseTo(15.714, 3);
    expect(ema([1, null], 0)).toEqual([1, null]);
  });
});
