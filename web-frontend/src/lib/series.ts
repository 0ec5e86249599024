import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from './api/typed.ts';
import type { components } from './api/generated/runledger.ts';

export type QuerySeries = components['schemas']['QuerySeries'];
export type XAxis = 'step' | 'relative' | 'timestamp';

/**
 * Chart data for runs × metric keys as server buckets (count/min/max/mean per bucket): a mean line and a min/max
 * envelope per run. A zoomed range asks the server for finer buckets of just that range; the previous picture stays
 * until they arrive. `buckets` is about one per two pixels of a panel.
 */
export function useSeries(runIds: string[], keys: string[], xAxis: XAxis, range: [number, number] | undefined, buckets: number) {
  return useQuery({
    queryKey: ['series', runIds, keys, xAxis, range, buckets],
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

/** A series' buckets as points at bucket centres; empty buckets are skipped, non-finite values are gaps. */
export function bucketLine(series: QuerySeries | undefined): BucketLine {
  const buckets = series?.buckets;
  const line: BucketLine = { x: [], mean: [], min: [], max: [] };
  if (!buckets) return line;
  const n = buckets.start?.length ?? 0;
  for (let i = 0; i < n; i++) {
    if ((buckets.count?.[i] ?? 0) === 0) continue;
    line.x.push(((buckets.start?.[i] ?? 0) + (buckets.end?.[i] ?? 0)) / 2);
    line.mean.push(finite(buckets.mean?.[i]));
    line.min.push(finite(buckets.min?.[i]));
    line.max.push(finite(buckets.max?.[i]));
  }
  return line;
}
