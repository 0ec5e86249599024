import { describe, expect, it } from 'vitest';
import { bucketLine } from './series.ts';

describe('bucket lines', () => {
  it('puts each non-empty bucket at its centre and turns non-finite values into gaps', () => {
    const line = bucketLine({
      runId: 'r',
      key: 'loss',
      pointCount: 5,
      buckets: {
        start: [0, 10, 20],
        end: [10, 20, 30],
        count: [3, 0, 2],
        min: [1, NaN, 0.5],
        max: [3, NaN, Infinity],
        first: [3, NaN, 1],
        last: [1, NaN, 0.5],
        mean: [2, NaN, 0.75],
      },
    });
    expect(line).toEqual({ x: [5, 25], mean: [2, 0.75], min: [1, 0.5], max: [3, null] });
    expect(bucketLine(undefined)).toEqual({ x: [], mean: [], min: [], max: [] });
  });
});
