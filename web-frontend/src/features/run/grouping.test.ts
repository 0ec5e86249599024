import { describe, expect, it } from 'vitest';
import { flattenConfig, searchConfig, sectionsOf } from './grouping.ts';
import { validateRunSearch } from './search.ts';

describe('chart sections', () => {
  it('groups keys by prefix, plain keys under metrics, system last', () => {
    expect(sectionsOf(['system/gpu', 'val/loss', 'loss', 'train/lr', 'train/loss', 'val/acc'])).toEqual([
      { name: 'train', keys: ['train/loss', 'train/lr'] },
      { name: 'val', keys: ['val/acc', 'val/loss'] },
      { name: 'metrics', keys: ['loss'] },
      { name: 'system', keys: ['system/gpu'] },
    ]);
    expect(sectionsOf([])).toEqual([]);
  });
});

describe('the config tree', () => {
  it('flattens nested config to dotted paths and searches paths and values', () => {
    const rows = flattenConfig({ optimizer: { name: 'adamw', lr: 0.001 }, layers: [64, 32], empty: {}, flag: null });
    expect(rows).toEqual([
      { path: 'optimizer.name', value: 'adamw' },
      { path: 'optimizer.lr', value: '0.001' },
      { path: 'layers.0', value: '64' },
      { path: 'layers.1', value: '32' },
      { path: 'empty', value: '{}' },
      { path: 'flag', value: 'null' },
    ]);
    expect(searchConfig(rows, 'ADAM').map((r) => r.path)).toEqual(['optimizer.name']);
    expect(searchConfig(rows, 'optimizer').length).toBe(2);
    expect(searchConfig(rows, ' ')).toBe(rows);
  });
});

describe('the run page URL', () => {
  it('accepts only known axes and a smoothing weight in (0, 1)', () => {
    expect(validateRunSearch({ x: 'relative', smooth: '0.6', config: 'lr' })).toEqual({ x: 'relative', smooth: 0.6, config: 'lr' });
    expect(validateRunSearch({ x: 'sideways', smooth: 1, tab: 'nope' })).toEqual({});
  });
});
