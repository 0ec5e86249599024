import { describe, expect, it } from 'vitest';
import { targetBody } from './BulkActions.tsx';

describe('bulk action targets', () => {
  it('name the selected ids, or for "all matching" the filter itself, never its runs', () => {
    expect(targetBody({ ids: ['a', 'b'] })).toEqual({ runIds: ['a', 'b'] });
    expect(targetBody({ filter: "params.lr > 0.1", includeDeleted: false })).toEqual({ filter: 'params.lr > 0.1', includeDeleted: false });
    expect(targetBody({ filter: '', includeDeleted: true })).toEqual({ filter: '', includeDeleted: true });
  });
});
