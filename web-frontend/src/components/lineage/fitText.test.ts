import { describe, expect, it } from 'vitest';
import { fitMiddle, linesNeeded } from './fitText.ts';

const eightPx = (text: string) => text.length * 8;

describe('fitting a lineage label', () => {
  it('keeps a name that fits whole', () => {
    expect(fitMiddle('resnet-50-s0', 200, false, 1, eightPx)).toBe('resnet-50-s0');
  });

  it('takes out the middle of a longer name and keeps as many characters as one line holds', () => {
    const name = 'resnet-50-lr3e-4-adamw-s0-week47';
    const shown = fitMiddle(name, 161, false, 1, eightPx);
    expect(shown).toContain('…');
    expect(shown.length * 8).toBeLessThanOrEqual(160);
    expect((shown.length + 1) * 8).toBeGreaterThan(160);
    expect(shown.startsWith('resnet-50')).toBe(true);
    expect(shown.endsWith('week47')).toBe(true);
  });

  it('counts lines broken after hyphens, and inside a piece wider than a line', () => {
    // 80 px lines hold 10 characters: "vit-s16-" (8) | "lr1e-3-" (7) | "adamw-s4" (8).
    expect(linesNeeded('vit-s16-lr1e-3-adamw-s4', 80, false, eightPx)).toBe(3);
    expect(linesNeeded('vit-s16-lr1e-3-adamw-s4', 120, false, eightPx)).toBe(2);
    expect(linesNeeded('abcdefghijklmnopqrstuvwxy', 80, false, eightPx)).toBe(3);
  });

  it('keeps a sweep run name whole on two lines, and elides only what two lines cannot hold', () => {
    expect(fitMiddle('vit-s16-lr1e-3-adamw-s4', 121, false, 2, eightPx)).toBe('vit-s16-lr1e-3-adamw-s4');
    const shown = fitMiddle('eval-vit-s16-lr1e-3-adamw-s4-robustness-suite', 121, false, 2, eightPx);
    expect(shown).toContain('…');
    expect(linesNeeded(shown, 120, false, eightPx)).toBeLessThanOrEqual(2);
  });
});
