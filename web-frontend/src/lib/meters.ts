import { RUN_PALETTE } from './colors.ts';
import { formatSi } from './format.ts';

/**
 * What we meter, in words people use. The API keeps every quantity in the meter's base unit (points, seconds,
 * byte-seconds: metering/README.md); the UI shows points, hours and GB-hours, and converts a budget's limit back.
 * Shared by the usage and billing screens (features never import each other).
 */
export const METERS = ['DATA_POINTS', 'TRACKED_HOURS', 'STORAGE_BYTES'] as const;
export type Meter = (typeof METERS)[number];

export function isMeter(value: unknown): value is Meter {
  return typeof value === 'string' && (METERS as readonly string[]).includes(value);
}

type MeterInfo = {
  /** Its name in a sentence or a heading. */
  label: string;
  /** The unit the UI shows and budgets are typed in. */
  unit: string;
  /** Base units (as the API counts) per shown unit. */
  perUnit: number;
  /** What counts, in one line. */
  explains: string;
};

/** 1 GB-hour = 10^9 bytes kept one hour = 3.6 × 10^12 byte-seconds. */
const GB_HOUR = 3.6e12;

export const METER_INFO: Record<Meter, MeterInfo> = {
  DATA_POINTS: {
    label: 'Data points',
    unit: 'points',
    perUnit: 1,
    explains: 'every metric point stored (native or MLflow, system metrics included); params and tags are free',
  },
  TRACKED_HOURS: {
    label: 'Tracked hours',
    unit: 'h',
    perUnit: 3600,
    explains: 'wall-clock time runs spend RUNNING',
  },
  STORAGE_BYTES: {
    label: 'Storage',
    unit: 'GB-hours',
    perUnit: GB_HOUR,
    explains: 'artifact bytes kept, over time: 1 GB kept for a day is 24 GB-hours',
  },
};

/** A base-unit quantity (as the API sends it, a number or a decimal string) in the shown unit. */
export function toDisplayUnit(meter: Meter, base: number | string | null | undefined): number {
  const value = typeof base === 'string' ? Number(base) : (base ?? 0);
  return Number.isFinite(value) ? value / METER_INFO[meter].perUnit : 0;
}

/** A shown-unit quantity (what a person typed) in the meter's base unit, exact for whole points and seconds. */
export function toBaseUnit(meter: Meter, shown: number): number {
  const base = shown * METER_INFO[meter].perUnit;
  return meter === 'STORAGE_BYTES' ? base : Math.round(base);
}

/** Up to 3–4 significant digits with an SI suffix where it helps: `1.23M`, `12.5`, `0.042`. */
function compact(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return formatSi(value);
  if (abs >= 1) return String(Number(value.toPrecision(3)));
  if (abs >= 0.001) return String(Number(value.toPrecision(2)));
  return '< 0.001';
}

/** A base-unit quantity for people: `1.23M points`, `12.5 h`, `3.4 GB-hours`. */
export function formatMeter(meter: Meter, base: number | string | null | undefined): string {
  return `${compact(toDisplayUnit(meter, base))} ${METER_INFO[meter].unit}`;
}

/** The full value for a title attribute: every digit of the shown unit, and the base unit the API counts in. */
export function formatMeterExact(meter: Meter, base: number | string | null | undefined): string {
  const shown = toDisplayUnit(meter, base);
  const exact = new Intl.NumberFormat('en', { maximumFractionDigits: 6 }).format(shown);
  const raw = typeof base === 'string' ? base : String(base ?? 0);
  const baseUnit = meter === 'DATA_POINTS' ? 'points' : meter === 'TRACKED_HOURS' ? 'seconds' : 'byte-seconds';
  return meter === 'DATA_POINTS' ? `${exact} points` : `${exact} ${METER_INFO[meter].unit} (${raw} ${baseUnit})`;
}

/** Money as the invoice shows it: `$12.40`, `€0.00` (two decimals unless a line has more). */
export function formatMoney(amount: number | string | null | undefined, currency: string | undefined): string {
  const value = typeof amount === 'string' ? Number(amount) : (amount ?? 0);
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: currency || 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: 6,
    }).format(value);
  } catch {
    return `${value} ${currency ?? ''}`.trim();
  }
}

/** Each meter's line colour: three distinct hues of the colour-blind-safe palette, the same on every chart. */
export function meterColor(meter: Meter): string {
  return RUN_PALETTE[METERS.indexOf(meter)]!;
}
