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

/**
 * The text as it fits `room` pixels: whole, or with its middle replaced by "…" (where sweep names repeat
 * themselves), keeping as many characters as fit. One pixel of slack for subpixel rounding.
 */
export function fitMiddle(text: string, room: number, mono = false, width: (t: string, mono: boolean) => number = textWidth): string {
  const fits = (t: string) => width(t, mono) <= room - 1;
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
