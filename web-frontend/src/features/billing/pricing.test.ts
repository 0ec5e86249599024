import { describe, expect, it } from 'vitest';
import { summariseRollups, tierRows } from './pricing.ts';

describe('billing in plain rows', () => {
  it('lists the free allowance first and counts tier bounds from its end', () => {
    const rows = tierRows({
      unit: 'MILLION_DATA_POINTS',
      freeAllowance: 10,
      mode: 'GRADUATED',
      tiers: [{ upTo: 90, unitPrice: 0.5 }, { unitPrice: 0.25 }],
    });
    expect(rows.map((r) => r.label)).toEqual(['first 10 1M data points', '10 to 100', 'above 100']);
    expect(tierRows({ unit: 'TRACKED_HOUR', freeAllowance: 100, tiers: [{ unitPrice: 0.05 }] })[0]!.label).toBe('first 100 tracked hours');
    expect(rows.map((r) => r.unitPrice)).toEqual([undefined, 0.5, 0.25]);
  });

  it('sums a line’s hourly roll-ups per UTC day and per project, most first', () => {
    const summary = summariseRollups(
      [
        { project: 'a', hour: '2026-11-01T03:00:00Z', quantity: 10 },
        { project: 'b', hour: '2026-11-01T23:00:00Z', quantity: 30 },
        { project: 'a', hour: '2026-11-02T00:00:00Z', quantity: 5 },
      ],
      { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
      Date.parse('2026-11-03T10:00:00Z'),
    );
    expect(summary.days).toEqual([
      { day: Date.parse('2026-11-01T00:00:00Z'), quantity: 40 },
      { day: Date.parse('2026-11-02T00:00:00Z'), quantity: 5 },
      { day: Date.parse('2026-11-03T00:00:00Z'), quantity: 0 },
    ]);
    expect(summary.projects).toEqual([
      { project: 'b', quantity: 30 },
      { project: 'a', quantity: 15 },
    ]);
  });
});
