/**
 * How numbers, durations and times read everywhere (UI.md "Density and type"): 4 significant digits in tables
 * with the full value on hover, SI suffixes on axes, durations as `3h 12m`, relative times with the absolute on hover.
 */

/** A table cell's number: 4 significant digits, exponent only for very small or large values. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2).replace('e+', 'e');
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

const SI = ['', 'k', 'M', 'G', 'T'];

/** An axis tick: `1.2M`, `950`, `0.25`. */
export function formatSi(value: number): string {
  const abs = Math.abs(value);
  if (abs < 1000) return String(Number(value.toPrecision(3)));
  const tier = Math.min(SI.length - 1, Math.floor(Math.log10(abs) / 3));
  return `${Number((value / 10 ** (tier * 3)).toPrecision(3))}${SI[tier]}`;
}

/** `3h 12m`, `45s`, `2d 4h`: the two largest units. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of units) {
    if (rest >= size || parts.length > 0) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      parts.push(`${n}${unit}`);
      if (parts.length === 2) break;
    }
  }
  return parts.filter((p, i) => i === 0 || !p.startsWith('0')).join(' ');
}

/** `5 min ago`, `3 h ago`, `2 d ago`; older than a month shows the date. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days} d ago`;
  return iso.slice(0, 10);
}

/** The absolute time for a title attribute: `2026-11-21 16:30:12 UTC`. */
export function formatAbsolute(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Long names keep both ends: `resnet-50-…-seed3`. */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
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
