import { describe, expect, it } from 'vitest';
import { runColor, RUN_PALETTE } from './colors.ts';
import { formatDuration, formatNumber, formatRelative, formatSi, truncateMiddle } from './format.ts';

describe('formatting', () => {
  it('shows 4 significant digits, exponents only at the extremes, and names non-finite values', () => {
    expect(formatNumber(0.314508718)).toBe('0.3145');
    expect(formatNumber(1234.5678)).toBe('1235');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(8.2e-11)).toBe('8.20e-11');
    expect(formatNumber(3.2e9)).toBe('3.20e9');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-∞');
    expect(formatNumber(undefined)).toBe('');
  });

  it('puts SI suffixes on axes and reads durations in their two largest units', () => {
    expect(formatSi(1_200_000)).toBe('1.2M');
    expect(formatSi(950)).toBe('950');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration((3 * 3600 + 12 * 60 + 5) * 1000)).toBe('3h 12m');
    expect(formatDuration(3600 * 1000)).toBe('1h');
    expect(formatDuration(-1)).toBe('');
  });

  it('says how long ago, and the date past a month', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(formatRelative('2026-12-03T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-12-03T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-10-01T00:00:00Z', now)).toBe('2026-10-01');
  });

  it('truncates long names in the middle', () => {
    expect(truncateMiddle('resnet-50-lr3e-4-adamw-seed3', 16)).toBe('resnet-5…w-seed3');
    expect(truncateMiddle('short', 16)).toBe('short');
  });

  it('gives a run the same palette colour every time', () => {
    expect(runColor('d11f9932-89a7-4652-aa54-b629596698b9')).toBe(runColor('d11f9932-89a7-4652-aa54-b629596698b9'));
    expect(RUN_PALETTE).toContain(runColor('x'));
  });
});
