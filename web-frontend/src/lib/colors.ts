/**
 * Run identity colours, picked by a hash of the run id, so a run keeps its colour in the table, the legend, every
 * chart and every page, whatever else is on screen. Ten hues chosen (from Okabe–Ito, Paul Tol's and Tableau's
 * palettes) so that any two stay apart under simulated deuteranopia, protanopia and tritanopia (CIELAB ΔE ≥ 14,
 * Machado 2009), with no two oranges or two sky blues, no greys (grey means "no recent activity") and no yellows;
 * each reads as a line on the light and on the dark background (relative luminance 0.12–0.42).
 */
export const RUN_PALETTE = [
  '#3D9DF2',
  '#E69F00',
  '#009E73',
  '#AA3377',
  '#EE6677',
  '#7C3AED',
  '#999933',
  '#117733',
  '#E377C2',
  '#9467BD',
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
