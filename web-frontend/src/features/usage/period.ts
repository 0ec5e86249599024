/**
 * Usage periods are calendar months in UTC, half-open `[start, end)` (metering/README.md). The URL names one as
 * `period=YYYY-MM`; without it the page shows the current month.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

export type Month = string;

export function currentMonth(now: number = Date.now()): Month {
  return new Date(now).toISOString().slice(0, 7);
}

export function parseMonth(text: unknown): Month | undefined {
  return typeof text === 'string' && MONTH.test(text) ? text : undefined;
}

function startOf(month: Month): number {
  const [, year, mon] = MONTH.exec(month)!;
  return Date.UTC(Number(year), Number(mon) - 1, 1);
}

/** `[from, to)` as the usage API wants it: ISO instants. */
export function monthRange(month: Month): { from: string; to: string; start: number; end: number } {
  const start = startOf(month);
  const d = new Date(start);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString(), start, end };
}

export function shiftMonth(month: Month, delta: number): Month {
  const d = new Date(startOf(month));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1)).toISOString().slice(0, 7);
}

/** `November 2026`. */
export function monthLabel(month: Month): string {
  return new Date(startOf(month)).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export type PeriodState =
  | { kind: 'past'; days: number }
  | { kind: 'future'; days: number }
  | { kind: 'current'; days: number; day: number; elapsed: number; daysLeft: number };

/** Where now stands in a month: over, to come, or running (day N of M, the fraction elapsed, whole days left). */
export function periodState(month: Month, now: number = Date.now()): PeriodState {
  const { start, end } = monthRange(month);
  const days = Math.round((end - start) / DAY_MS);
  if (now >= end) return { kind: 'past', days };
  if (now < start) return { kind: 'future', days };
  const day = Math.floor((now - start) / DAY_MS) + 1;
  return { kind: 'current', days, day, elapsed: (now - start) / (end - start), daysLeft: Math.ceil((end - now) / DAY_MS) };
}

/**
 * Daily buckets (the API leaves empty days out) as a chart line: one point per day from the month's first day up to
 * today (or its last day, for a past month), zero where nothing was used, converted by `scale`.
 */
export function dailyLine(
  buckets: readonly { start?: string; quantity?: number }[],
  month: Month,
  scale: (base: number) => number,
  now: number = Date.now(),
): { x: number[]; y: number[] } {
  const { start, end } = monthRange(month);
  const last = Math.min(end, Math.floor(now / DAY_MS) * DAY_MS + DAY_MS);
  const byDay = new Map<number, number>();
  for (const bucket of buckets) {
    if (!bucket.start) continue;
    const day = Math.floor(Date.parse(bucket.start) / DAY_MS) * DAY_MS;
    byDay.set(day, (byDay.get(day) ?? 0) + (bucket.quantity ?? 0));
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let day = start; day < last; day += DAY_MS) {
    x.push(day);
    y.push(scale(byDay.get(day) ?? 0));
  }
  return { x, y };
}
