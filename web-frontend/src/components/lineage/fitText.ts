import { truncateMiddle } from '../../lib/format.ts';

/** Lineage labels' fonts (run.css: the app's sans-serif at 12.5 px, its monospace at 12 px). */

let context: CanvasRenderingContext2D | null | undefined;

function fonts(): { sans: string; mono: string } {
  const root = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  return { sans: `12.5px ${body.fontFamily}`, mono: `12px ${root.getPropertyValue('--font-mono').trim() || 'monospace'}` };
}

/** How wide a text is drawn in the font; without a canvas (tests), a generous 7.6 px a character. */
export function textWidth(text: string, mono: boolean): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7.6;
  const font = fonts();
  context.font = mono ? font.mono : font.sans;
  return context.measureText(text).width;
}

type Width = (text: string, mono: boolean) => number;

/**
 * How many lines of `room` pixels the text takes, broken as the label's CSS breaks it: after a hyphen or a space,
 * and anywhere inside a piece wider than a whole line (`overflow-wrap: anywhere`).
 */
export function linesNeeded(text: string, room: number, mono: boolean, width: Width = textWidth): number {
  let lines = 1;
  let used = 0;
  for (const piece of text.match(/[^-\s]*[-\s]*/g)?.filter(Boolean) ?? []) {
    const w = width(piece, mono);
    if (used + w <= room) {
      used += w;
      continue;
    }
    if (used > 0) lines++;
    let rest = w;
    while (rest > room) {
      lines++;
      rest -= room;
    }
    used = rest;
  }
  return lines;
}

/**
 * The text as it fits `lines` lines of `room` pixels: whole, or with its middle replaced by "…" (where sweep names
 * repeat themselves), keeping as many characters as fit. One pixel of slack for subpixel rounding.
 */
export function fitMiddle(text: string, room: number, mono = false, lines = 1, width: Width = textWidth): string {
  const fits = (t: string) => linesNeeded(t, room - 1, mono, width) <= lines;
  if (fits(text)) return text;
  let low = 2;
  let high = text.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(truncateMiddle(text, mid))) low = mid;
    else high = mid - 1;
  }
  return truncateMiddle(text, low);
}
