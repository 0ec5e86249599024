import { describe, expect, it } from 'vitest';
import { fitMiddle } from './fitText.ts';

const eightPx = (text: string) => text.length * 8;

describe('fitting a lineage label', () => {
  it('keeps a name that fits whole', () => {
    expect(fitMiddle('resnet-50-s0', 200, false, eightPx)).toBe('resnet-50-s0');
  });

  it('takes out the middle of a longer name and keeps as many characters as the room holds', () => {
    const name = 'resnet-50-lr3e-4-adamw-s0-week47';
    const shown = fitMiddle(name, 161, false, eightPx);
    expect(shown).toContain('…');
    expect(shown.length * 8).toBeLessThanOrEqual(160);
    expect((shown.length + 1) * 8).toBeGreaterThan(160);
    expect(shown.startsWith('resnet-50')).toBe(true);
    expect(shown.endsWith('week47')).toBe(true);
  });
});
