import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from './api/typed.ts';
import type { components } from './api/generated/runledger.ts';

export type QuerySeries = components['schemas']['QuerySeries'];
export type XAxis = 'step' | 'relative' | 'timestamp';

/** What a chart draws of each bucket: the mean line always, the min/max envelope only when it can be told apart. */
export function bucketFields(envelope: boolean): ('count' | 'mean' | 'min' | 'max')[] {
  return envelope ? ['count', 'mean', 'min', 'max'] : ['count', 'mean'];
}

/**
 * Chart data for runs × metric keys as server buckets (count/mean, and min/max for an envelope, per bucket): a mean
 * line and, with `envelope`, a min/max band per run. Only the arrays drawn are asked for (with all eight, 100 runs'
 * answer was ~4× larger and its JSON most of the request's time). A zoomed range asks the server for finer buckets of
 * just that range; the previous picture stays until they arrive. `buckets` is about one per two pixels of a panel.
 */
export function useSeries(
  runIds: string[],
  keys: string[],
  xAxis: XAxis,
  range: [number, number] | undefined,
  buckets: number,
  envelope = true,
) {
  return useQuery({
    queryKey: ['series', runIds, keys, xAxis, range, buckets, envelope],
    enabled: keys.length > 0 && runIds.length > 0,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      data(
        await api.POST('/api/v1/series/query', {
          body: {
            runIds,
            keys,
            xAxis,
            mode: 'BUCKETS',
            points: buckets,
            fields: bucketFields(envelope),
            ...(range
              ? xAxis === 'step'
                ? { minStep: Math.floor(range[0]), maxStep: Math.ceil(range[1]) }
                : { xMin: range[0], xMax: range[1] }
              : {}),
          },
          signal,
        }),
      ),
  });
}

export type BucketLine = { x: number[]; mean: (number | null)[]; min: (number | null)[]; max: (number | null)[] };

function finite(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * A series' buckets as points at bucket centres; empty buckets are skipped, non-finite values are gaps. The buckets
 * have equal widths over [from, to], so centres follow from those two (start/end arrays are not fetched). Without
 * min/max (no envelope asked for) those lines are empty.
 */
export function bucketLine(series: QuerySeries | undefined): BucketLine {
  const buckets = series?.buckets;
  const line: BucketLine = { x: [], mean: [], min: [], max: [] };
  if (!buckets) return line;
  const { n, from, to, count, mean, min, max } = buckets;
  const width = (to - from) / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    if ((count?.[i] ?? 0) === 0) continue;
    line.x.push(from + (i + 0.5) * width);
    line.mean.push(finite(mean?.[i]));
    if (min) line.min.push(finite(min[i]));
    if (max) line.max.push(finite(max[i]));
  }
  return line;
}
