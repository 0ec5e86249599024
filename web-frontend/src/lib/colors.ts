/**
 * Run identity colours: a colour-blind-safe categorical palette (Okabe–Ito, then Tableau 10 to extend it), picked by
 * a hash of the run id, so a run keeps its colour in the table, the legend, every chart and every page, whatever
 * else is on screen. The yellows of both palettes are left out: too faint a line on a white background.
 */
export const RUN_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#4E79A7',
  '#F28E2B',
  '#59A14F',
  '#B07AA1',
  '#9C755F',
  '#76B7B2',
  '#E15759',
  '#FF9DA7',
] as const;

/** FNV-1a over the id's characters: cheap, stable across sessions and browsers. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function runColor(runId: string): string {
  return RUN_PALETTE[hash(runId) % RUN_PALETTE.length]!;
}
