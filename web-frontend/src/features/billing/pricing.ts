import type { MeterPrice } from './api.ts';

/** The price units the plan quotes in (billing's PriceUnit), in words. */
export const PRICE_UNIT: Record<string, string> = {
  MILLION_DATA_POINTS: '1M data points',
  TRACKED_HOUR: 'tracked hour',
  GB_MONTH: 'GB-month',
};

const PRICE_UNITS: Record<string, string> = {
  MILLION_DATA_POINTS: '1M data points',
  TRACKED_HOUR: 'tracked hours',
  GB_MONTH: 'GB-months',
};

export const PRICE_METER: Record<string, string> = {
  MILLION_DATA_POINTS: 'Data points',
  TRACKED_HOUR: 'Tracked hours',
  GB_MONTH: 'Storage',
};

const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

export type TierRow = { from: number; to: number | undefined; unitPrice: number | undefined; label: string };

/**
 * A meter's price as rows a person reads top to bottom: the free allowance, then each tier. Tier bounds count from
 * the end of the allowance (billing/README.md "Rating rules"), so the rows show where each starts in the month's usage.
 */
export function tierRows(price: MeterPrice): TierRow[] {
  const unit = PRICE_UNITS[price.unit ?? ''] ?? price.unit ?? '';
  const allowance = Number(price.freeAllowance ?? 0);
  const rows: TierRow[] = [];
  if (allowance > 0) rows.push({ from: 0, to: allowance, unitPrice: undefined, label: `first ${NUMBER.format(allowance)} ${unit}` });
  let from = allowance;
  for (const tier of price.tiers ?? []) {
    const to = tier.upTo === undefined || tier.upTo === null ? undefined : allowance + Number(tier.upTo);
    rows.push({
      from,
      to,
      unitPrice: Number(tier.unitPrice ?? 0),
      label: to === undefined ? `above ${NUMBER.format(from)}` : `${NUMBER.format(from)} to ${NUMBER.format(to)}`,
    });
    if (to !== undefined) from = to;
  }
  return rows;
}

/** Graduated: each slice at its own tier's price. Volume: the whole month at the price of the tier it reaches. */
export function modeWords(mode: string | undefined): string {
  return mode === 'VOLUME'
    ? 'volume: the whole month is priced at the tier it reaches'
    : 'graduated: each slice is priced at its own tier';
}

export type Rollup = { project?: string; meter?: string; hour?: string; quantity?: number };

const DAY_MS = 86_400_000;

/**
 * The hourly roll-ups behind a line, summed per UTC day over its rated period (every day up to today, zero where
 * nothing was used, so a chart has a line even when all usage fell on one day) and per project (most first).
 */
export function summariseRollups(
  hours: readonly Rollup[],
  period: { start?: string; end?: string } | undefined,
  now: number = Date.now(),
): {
  days: { day: number; quantity: number }[];
  projects: { project: string; quantity: number }[];
} {
  const days = new Map<number, number>();
  const projects = new Map<string, number>();
  for (const row of hours) {
    const quantity = Number(row.quantity ?? 0);
    if (row.hour) {
      const day = Math.floor(Date.parse(row.hour) / DAY_MS) * DAY_MS;
      days.set(day, (days.get(day) ?? 0) + quantity);
    }
    const project = row.project ?? '';
    projects.set(project, (projects.get(project) ?? 0) + quantity);
  }
  const start = period?.start ? Date.parse(period.start) : NaN;
  const end = period?.end ? Math.min(Date.parse(period.end), Math.floor(now / DAY_MS) * DAY_MS + DAY_MS) : NaN;
  if (Number.isFinite(start) && Number.isFinite(end)) {
    for (let day = start; day < end; day += DAY_MS) if (!days.has(day)) days.set(day, 0);
  }
  return {
    days: [...days.entries()].sort((a, b) => a[0] - b[0]).map(([day, quantity]) => ({ day, quantity })),
    projects: [...projects.entries()]
      .map(([project, quantity]) => ({ project, quantity }))
      .sort((a, b) => b.quantity - a.quantity || a.project.localeCompare(b.project)),
  };
}
