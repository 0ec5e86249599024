import { toNumber, type CellValue } from './types.ts';

const NUMBER = new Intl.NumberFormat('en', { maximumSignificantDigits: 6 });

/** A table or comparison value as text: numbers to six significant digits, NaN and infinities spelled out. */
export function formatValue(value: CellValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string' && value !== 'NaN' && value !== 'Infinity' && value !== '-Infinity') return value;
  const number = toNumber(value);
  if (Number.isNaN(number)) return 'NaN';
  if (!Number.isFinite(number)) return number > 0 ? '∞' : '−∞';
  return NUMBER.format(number);
}

/** An ISO instant as a readable UTC time. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}
