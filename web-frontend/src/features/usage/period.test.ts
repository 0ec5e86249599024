import { describe, expect, it } from 'vitest';
import { currentMonth, dailyLine, monthLabel, monthRange, parseMonth, periodState, shiftMonth } from './period.ts';

const at = (iso: string) => Date.parse(iso);

describe('usage periods (calendar months in UTC)', () => {
  it('accepts only YYYY-MM in the URL', () => {
    expect(parseMonth('2026-11')).toBe('2026-11');
    expect(parseMonth('2026-13')).toBeUndefined();
    expect(parseMonth('2026-1')).toBeUndefined();
    expect(parseMonth(202611)).toBeUndefined();
  });

  it('is half-open from the first of the month to the first of the next, across a year end', () => {
    expect(monthRange('2026-12')).toMatchObject({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthLabel('2026-11')).toBe('November 2026');
  });

  it('takes the month of now in UTC, not in the browser’s zone', () => {
    expect(currentMonth(at('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(currentMonth(at('2026-12-01T00:00:00Z'))).toBe('2026-12');
  });

  it('says which day of a running month it is and how many days are left', () => {
    const state = periodState('2026-11', at('2026-11-03T12:00:00Z'));
    expect(state).toMatchObject({ kind: 'current', day: 3, days: 30, daysLeft: 28 });
    if (state.kind === 'current') expect(state.elapsed).toBeCloseTo(2.5 / 30, 6);
    expect(periodState('2026-10', at('2026-11-03T12:00:00Z')).kind).toBe('past');
    expect(periodState('2026-12', at('2026-11-03T12:00:00Z')).kind).toBe('future');
  });

  it('draws one point per day up to today, zero on the days the API left out', () => {
    const line = dailyLine(
      [
        { start: '2026-11-01T00:00:00Z', quantity: 7200 },
        { start: '2026-11-03T00:00:00Z', quantity: 3600 },
      ],
      '2026-11',
      (seconds) => seconds / 3600,
      at('2026-11-03T12:00:00Z'),
    );
    expect(line.x.map((x) => new Date(x).toISOString().slice(0, 10))).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(line.y).toEqual([2, 0, 1]);
  });

  it('draws every day of a past month', () => {
    expect(dailyLine([], '2026-02', (v) => v, at('2026-11-03T12:00:00Z')).x).toHaveLength(28);
  });
});
