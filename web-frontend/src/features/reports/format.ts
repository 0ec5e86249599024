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

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const SIZE = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A byte count for people: exact below 1 KiB, else binary units to one decimal (1536 → "1.5 KiB"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${SIZE.format(value)} ${BYTE_UNITS[unit]}`;
}
