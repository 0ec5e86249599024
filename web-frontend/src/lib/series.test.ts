import { describe, expect, it } from 'vitest';
import { bucketFields, bucketLine } from './series.ts';

describe('bucket lines', () => {
  it('puts each non-empty bucket at its centre and turns non-finite values into gaps', () => {
    const line = bucketLine({
      runId: 'r',
      key: 'loss',
      pointCount: 5,
      buckets: {
        n: 3,
        from: 0,
        to: 30,
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

  it('draws only the mean line when the envelope was not asked for', () => {
    const line = bucketLine({
      runId: 'r',
      key: 'loss',
      pointCount: 4,
      buckets: { n: 4, from: 100, to: 200, count: [1, 1, 0, 2], mean: [4, 3, NaN, 1] },
    });
    expect(line).toEqual({ x: [112.5, 137.5, 187.5], mean: [4, 3, 1], min: [], max: [] });
  });

  it('asks the server for the envelope arrays only when they are drawn', () => {
    expect(bucketFields(false)).toEqual(['count', 'mean']);
    expect(bucketFields(true)).toEqual(['count', 'mean', 'min', 'max']);
  });
});
