import { describe, expect, it } from 'vitest';
import { topProjects } from './usage.ts';

describe('top projects', () => {
  it('ranks projects by their use of the meter, with their share and the server’s forecast', () => {
    const rows = topProjects(
      [
        { id: 'a', name: 'alpha' },
        { id: 'b', name: 'beta' },
        { id: 'c', name: 'gamma' },
      ],
      [{ total: 25 }, { total: 75 }, undefined],
      'DATA_POINTS',
      [{ meter: 'DATA_POINTS', project: 'b', forecast: 300 }, { meter: 'TRACKED_HOURS', project: 'a', forecast: 9 }],
    );
    expect(rows.map((r) => [r.name, r.used, r.share, r.forecast])).toEqual([
      ['beta', 75, 75, 300],
      ['alpha', 25, 25, 0],
      ['gamma', 0, 0, 0],
    ]);
  });

  it('has no share when nothing was used, and no forecast outside the current month', () => {
    const rows = topProjects([{ id: 'a', name: 'alpha' }], [{ total: 0 }], 'TRACKED_HOURS', undefined);
    expect(rows[0]).toMatchObject({ share: undefined, forecast: undefined });
  });
});
