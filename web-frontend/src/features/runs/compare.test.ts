import { describe, expect, it } from 'vitest';
import { defaultMetric, differingParams, fieldId, fieldValue, numericParams, paramDiff, parseField, runIdFilter, type Field } from './compare.ts';

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

describe('compare fields', () => {
  const rows = [
    { id: 'a', params: { lr: '0.1', optimizer: 'adam' }, metrics: { 'val/loss': { last: 0.5, min: 0.4, max: 2 } } },
    { id: 'b', params: { lr: '0.01', optimizer: 'sgd' }, metrics: {} },
  ];

  it('reads a param as logged and a metric summary as a number, nothing when missing', () => {
    expect(fieldValue(rows[0]!, { kind: 'param', key: 'optimizer' })).toBe('adam');
    expect(fieldValue(rows[0]!, { kind: 'metric', key: 'val/loss', summary: 'min' })).toBe(0.4);
    expect(fieldValue(rows[1]!, { kind: 'metric', key: 'val/loss', summary: 'last' })).toBeUndefined();
  });

  it('names a field in one string and reads it back, refusing what it does not know', () => {
    for (const field of [{ kind: 'param', key: 'a:b' }, { kind: 'metric', key: 'val/loss', summary: 'max' }] as Field[]) {
      expect(parseField(fieldId(field))).toEqual(field);
    }
    expect(parseField('median:val/loss')).toBeUndefined();
    expect(parseField(undefined)).toBeUndefined();
  });

  it('offers every differing param as an axis, numeric or not', () => {
    expect(differingParams(rows)).toEqual(['lr', 'optimizer']);
  });

  it('starts from the validation loss, else the first metric that is not a system metric', () => {
    expect(defaultMetric(['system/gpu', 'train/loss', 'val/loss'])).toBe('val/loss');
    expect(defaultMetric(['system/gpu', 'train/loss'])).toBe('train/loss');
    expect(defaultMetric([])).toBeUndefined();
  });
});
