import { describe, expect, it } from 'vitest';
import { targetBody } from './BulkActions.tsx';

describe('bulk action targets', () => {
  it('name the selected ids, or for "all matching" the filter itself, never its runs', () => {
    expect(targetBody({ ids: ['a', 'b'] })).toEqual({ runIds: ['a', 'b'] });
    expect(targetBody({ filter: "params.lr > 0.1", includeDeleted: false })).toEqual({ filter: 'params.lr > 0.1', includeDeleted: false });
    expect(targetBody({ filter: '', includeDeleted: true })).toEqual({ filter: '', includeDeleted: true });
  });

  it('send the runs unticked from "all matching" as exceptIds, and no exceptIds when none were', () => {
    expect(targetBody({ filter: 'state = "RUNNING"', includeDeleted: false, except: ['x', 'y'] })).toEqual({
      filter: 'state = "RUNNING"',
      includeDeleted: false,
      exceptIds: ['x', 'y'],
    });
    expect(targetBody({ filter: '', includeDeleted: false, except: [] })).toEqual({ filter: '', includeDeleted: false });
  });
});
