import { describe, expect, it } from 'vitest';
import { validateRunsSearch } from './search.ts';
import { isSelected, MAX_EXCEPT, selectedCount, selectedRows, toggleRows, type SelectionState } from './selection.ts';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const all: SelectionState = { all: true };

describe('the runs selection', () => {
  it('ticks and unticks listed runs, with shift ranges taking the new state', () => {
    const one = toggleRows({}, rows, 1, undefined, 50);
    expect(one).toEqual({ sel: ['b'] });
    const range = toggleRows(one, rows, 3, 1, 50);
    expect(range.sel).toEqual(['b', 'c', 'd']);
    expect(toggleRows(range, rows, 2, undefined, 50).sel).toEqual(['b', 'd']);
    expect(toggleRows({ sel: ['b'] }, rows, 1, undefined, 50)).toEqual({ sel: undefined });
  });

  it('unticking a run of "all matching" leaves it out instead of falling back to the loaded rows', () => {
    const next = toggleRows(all, rows, 2, undefined, 50);
    expect(next).toEqual({ all: true, allx: ['c'] });
    expect(isSelected(next, 'c')).toBe(false);
    expect(isSelected(next, 'not-loaded-yet')).toBe(true);
    expect(selectedCount(next, 50)).toBe(49);
  });

  it('ticking a left-out run takes it back, and a shift range leaves out or takes back every run in it', () => {
    const left = toggleRows(all, rows, 1, undefined, 50);
    const range = toggleRows(left, rows, 3, 1, 50);
    expect(range.allx).toEqual(['b', 'c', 'd']);
    expect(selectedCount(range, 50)).toBe(47);
    const back = toggleRows(range, rows, 2, undefined, 50);
    expect(back.allx).toEqual(['b', 'd']);
    expect(toggleRows(toggleRows(back, rows, 1, undefined, 50), rows, 3, undefined, 50)).toEqual({ all: true, allx: undefined });
  });

  it('leaving out every matching run clears the selection', () => {
    expect(toggleRows({ all: true, allx: ['a', 'b'] }, rows, 2, undefined, 3)).toEqual({});
  });

  it('refuses to leave out more runs than the bulk endpoint takes', () => {
    const many: SelectionState = { all: true, allx: Array.from({ length: MAX_EXCEPT }, (_, i) => `x${i}`) };
    expect(toggleRows(many, rows, 0, undefined, 100_000)).toBe(many);
  });

  it('lists the selected loaded rows in table order, for compare and the charts', () => {
    expect(selectedRows({ all: true, allx: ['b', 'd'] }, rows).map((r) => r.id)).toEqual(['a', 'c', 'e']);
    expect(selectedRows({ sel: ['e', 'a'] }, rows).map((r) => r.id)).toEqual(['a', 'e']);
    expect(selectedCount({ sel: ['e', 'a'] }, 50)).toBe(2);
  });
});

describe('the selection in the URL', () => {
  it('keeps the left-out ids only beside "all matching"', () => {
    expect(validateRunsSearch({ all: true, allx: ['r1', 7, 'r2'] })).toEqual({ all: true, allx: ['r1', 'r2'] });
    expect(validateRunsSearch({ allx: ['r1'] })).toEqual({});
  });
});
