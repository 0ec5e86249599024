/** Pure helpers for the charts: ranges, nearest points, smoothing. Kept free of uPlot so Vitest covers them. */

/** Min and max of the finite values, or undefined when there are none; a flat line gets a little room. */
export function finiteExtent(values: Iterable<number | null | undefined>, log = false): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return undefined;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.05;
    return log ? [min / 1.5, max * 1.5] : [min - pad, max + pad];
  }
  if (log) return [min / 1.1, max * 1.1];
  const pad = (max - min) * 0.04;
  return [min - pad, max + pad];
}

/** Index of the x nearest to `target` in an ascending array (binary search), or -1 for an empty one. */
export function nearestIndex(xs: ArrayLike<number>, target: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1]! - target) <= Math.abs(xs[lo]! - target)) return lo - 1;
  return lo;
}

/**
 * Exponential moving average as W&B and TensorBoard draw it, debiased so the first points are not pulled towards
 * zero. Gaps (null, NaN) stay gaps and do not reset the average. weight 0 returns the input.
 */
export function ema(values: ArrayLike<number | null>, weight: number): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  if (weight <= 0) {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ?? null;
    return out;
  }
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    n++;
    out[i] = last / (1 - weight ** n);
  }
  return out;
}
