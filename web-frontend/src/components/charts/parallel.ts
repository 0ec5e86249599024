/** The maths of a parallel-coordinates chart: an axis per field (numeric or categorical) and a colour per line. */

export type AxisValue = string | number | undefined;

/** One field of every line, in line order. */
export type AxisInput = { key: string; label: string; values: AxisValue[] };

export type Scale =
  | { kind: 'numeric'; min: number; max: number; log: boolean; ticks: number[] }
  | { kind: 'categorical'; categories: string[] };

/** A value as a number when it is one ("3e-4" is; "" and "adamw" are not). */
export function asNumber(value: AxisValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Numeric when every present value is a number (log when all are positive and span at least 50×, as learning rates
 * do), else categorical with the categories in natural order ("2" before "10").
 */
export function scaleOf(values: AxisValue[]): Scale {
  const present = values.filter((v) => v !== undefined && String(v).trim() !== '');
  const numbers = present.map(asNumber);
  if (present.length > 0 && numbers.every((n) => n !== undefined)) {
    const ns = numbers as number[];
    let min = Math.min(...ns);
    let max = Math.max(...ns);
    const log = min > 0 && max / min >= 50;
    if (min === max) {
      min -= Math.abs(min) * 0.5 || 1;
      max += Math.abs(max) * 0.5 || 1;
    }
    return { kind: 'numeric', min, max, log, ticks: ticksOf(min, max, log) };
  }
  const categories = [...new Set(present.map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { kind: 'categorical', categories };
}

function ticksOf(min: number, max: number, log: boolean): number[] {
  if (log) {
    const ticks: number[] = [];
    for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) ticks.push(Number((10 ** e).toPrecision(12)));
    return ticks.length >= 2 ? ticks : [min, max];
  }
  const step = niceStep((max - min) / 4);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** Where a value sits on its axis, 0 (bottom) to 1 (top); undefined when it has no place (missing, or not a number). */
export function position(scale: Scale, value: AxisValue): number | undefined {
  if (value === undefined) return undefined;
  if (scale.kind === 'categorical') {
    const i = scale.categories.indexOf(String(value));
    if (i < 0) return undefined;
    return scale.categories.length === 1 ? 0.5 : i / (scale.categories.length - 1);
  }
  const n = asNumber(value);
  if (n === undefined) return undefined;
  const t = scale.log
    ? (Math.log(n) - Math.log(scale.min)) / (Math.log(scale.max) - Math.log(scale.min))
    : (n - scale.min) / (scale.max - scale.min);
  return Math.min(1, Math.max(0, t));
}

// Blue → neutral → orange: ordered in lightness-independent hue, apart for the common colour blindnesses, and each
// stop readable on the light and the dark background.
const STOPS: [number, number, number][] = [
  [0x2f, 0x6f, 0xd0],
  [0x9a, 0x95, 0xab],
  [0xe0, 0x7a, 0x10],
];

/** The colour of a metric value at t (0 = lowest, 1 = highest) on the sequential scale the legend shows. */
export function sequentialColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  const channel = (k: number) => Math.round(a[k]! + (b[k]! - a[k]!) * f).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

export const GRADIENT = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(sequentialColor).join(', ')})`;

/**
 * Each value's rank among the values as 0 (lowest) … 1 (highest), ties sharing a rank; undefined for a missing
 * value. Colouring by rank keeps every line apart whatever the spread of the values.
 */
export function rankOf(values: (number | undefined)[]): (number | undefined)[] {
  const distinct = [...new Set(values.filter((v): v is number => v !== undefined && Number.isFinite(v)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  return values.map((v) => {
    const i = v === undefined ? undefined : index.get(v);
    if (i === undefined) return undefined;
    return distinct.length === 1 ? 0.5 : i / (distinct.length - 1);
  });
}

/** A brush: the part of an axis kept, as positions (0 bottom … 1 top). */
export type Brush = [number, number];

/** Whether a line passes every brush (a line without a value on a brushed axis does not). */
export function passes(positions: (number | undefined)[], brushes: (Brush | undefined)[]): boolean {
  return brushes.every((brush, axis) => {
    if (!brush) return true;
    const p = positions[axis];
    return p !== undefined && p >= Math.min(...brush) && p <= Math.max(...brush);
  });
}
