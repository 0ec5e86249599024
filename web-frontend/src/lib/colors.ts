import { useEffect } from 'react';

/**
 * Run identity colours, picked by a hash of the run id, so a run keeps its colour in the table, the legend, every
 * chart and every page; runs drawn together are kept apart (see assignSlots). Ten hues chosen (from Okabe–Ito, Paul Tol's and Tableau's
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

/** The palette slot a run has on its own: its id's hash. */
export function hashSlot(runId: string): number {
  return hash(runId) % RUN_PALETTE.length;
}

/**
 * Palette slots for runs drawn together. Ten hues and a hash means two of a few runs often share one (with 5 runs,
 * two do about 70 % of the time), so a chart or compare of those runs could not tell them apart. The scheme:
 *
 * - every run whose hash slot no other run of the set wants keeps it (most runs, so a run mostly looks the same
 *   in every view and on its own page, which knows no set);
 * - where runs want the same slot, the smallest id keeps it and the others take the next slot (round the palette)
 *   that is still free;
 * - "free" means used by fewer than ⌈n / 10⌉ runs, so up to 10 runs get 10 different colours and more runs spread
 *   evenly instead of piling onto a few hues.
 *
 * It depends only on the set (ids are taken in sorted order), not on the order it is drawn in: the table, the
 * charts beside it, the legend and compare give the same runs the same colours.
 */
export function assignSlots(runIds: readonly string[]): Map<string, number> {
  const ids = [...new Set(runIds)].sort();
  const size = RUN_PALETTE.length;
  const capacity = Math.max(1, Math.ceil(ids.length / size));
  const load = new Array<number>(size).fill(0);
  const slots = new Map<string, number>();
  const waiting: string[] = [];
  for (const id of ids) {
    const slot = hashSlot(id);
    if (load[slot]! < capacity) {
      slots.set(id, slot);
      load[slot]!++;
    } else {
      waiting.push(id);
    }
  }
  for (const id of waiting) {
    const start = hashSlot(id);
    for (let step = 1; step <= size; step++) {
      const slot = (start + step) % size;
      if (load[slot]! < capacity) {
        slots.set(id, slot);
        load[slot]!++;
        break;
      }
    }
  }
  return slots;
}

/**
 * The runs drawn together on the current screen (set by {@link useRunsDrawnTogether}), by id → colour. A module
 * variable rather than a React context so that every `runColor(id)` caller (table swatches, chart lines, legends,
 * compare) agrees without each being handed the set.
 */
let drawn: { key: string; colors: ReadonlyMap<string, string> } = { key: '', colors: new Map() };

function drawTogether(key: string, runIds: readonly string[]): void {
  if (drawn.key === key) return;
  drawn = { key, colors: new Map([...assignSlots(runIds)].map(([id, slot]) => [id, RUN_PALETTE[slot]!])) };
}

/**
 * Declares the runs a screen draws together (the workspace's charted runs, compare's runs), so their colours differ
 * (see {@link assignSlots}) everywhere on that screen; forgotten when the screen goes. Set during render, before the
 * children that read {@link runColor} render; the same set gives the same colours, so rendering twice is harmless.
 */
export function useRunsDrawnTogether(runIds: readonly string[]): void {
  const key = [...runIds].sort().join(',');
  drawTogether(key, runIds);
  useEffect(() => {
    drawTogether(key, runIds);
    return () => {
      if (drawn.key === key) drawn = { key: '', colors: new Map() };
    };
  }, [key]);
}

/** A run's colour: its slot among the runs drawn together on this screen, else its hash slot. */
export function runColor(runId: string): string {
  return drawn.colors.get(runId) ?? RUN_PALETTE[hashSlot(runId)]!;
}
