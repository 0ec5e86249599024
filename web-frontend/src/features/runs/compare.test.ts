import { describe, expect, it } from 'vitest';
import { numericParams, paramDiff, runIdFilter } from './compare.ts';

const runs = [
  { id: 'a', params: { lr: '0.1', optimizer: 'adam', seed: '1' } },
  { id: 'b', params: { lr: '0.01', optimizer: 'adam', seed: '1', extra: 'x' } },
];

describe('comparing runs', () => {
  it('lines params up by key and marks the ones that differ, a missing value included', () => {
    expect(paramDiff(runs)).toEqual([
      { key: 'extra', values: [undefined, 'x'], differs: true },
      { key: 'lr', values: ['0.1', '0.01'], differs: true },
      { key: 'optimizer', values: ['adam', 'adam'], differs: false },
      { key: 'seed', values: ['1', '1'], differs: false },
    ]);
  });

  it('offers only differing numeric params for a scatter', () => {
    expect(numericParams(runs)).toEqual(['lr']);
  });

  it('selects the runs by id with quotes escaped', () => {
    expect(runIdFilter(['a', "b'c"])).toBe("run_id IN ('a', 'b''c')");
  });
});
