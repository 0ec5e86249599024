import { describe, expect, it } from 'vitest';
import { columnField, defaultColumns, orderBy, parseColumn, quoteKey, requestedFields } from './columns.ts';
import { completions, filterErrorPosition } from './filterError.ts';
import { validateRunsSearch } from './search.ts';
import { keysOf } from './runColumnsKeys.ts';

describe('runs table columns', () => {
  it('round-trips fixed, param and metric columns through their URL ids, colons in keys included', () => {
    expect(parseColumn('state')).toEqual({ kind: 'fixed', id: 'state' });
    expect(parseColumn('p:optimizer.lr')).toEqual({ kind: 'param', id: 'p:optimizer.lr', key: 'optimizer.lr' });
    expect(parseColumn('m:min:val/loss:top1')).toEqual({ kind: 'metric', id: 'm:min:val/loss:top1', key: 'val/loss:top1', aggregate: 'min' });
    expect(parseColumn('m:avg:loss')).toBeUndefined();
    expect(parseColumn('p:')).toBeUndefined();
  });

  it('sorts on the server by the search language field of the column, quoting keys that need it', () => {
    expect(orderBy('m:last:val/loss', 'asc')).toEqual(['metrics.val/loss ASC']);
    expect(orderBy('m:max:val acc', 'desc')).toEqual(['max(metrics.`val acc`) DESC']);
    expect(orderBy('p:optimizer.lr', undefined)).toEqual(['params.optimizer.lr DESC']);
    expect(orderBy('user', 'asc')).toEqual(['created_by ASC']);
    expect(orderBy('duration', 'desc')).toEqual(['duration DESC']);
    // Unsortable or unknown: newest first.
    expect(orderBy('tags', 'asc')).toEqual(['started_at DESC']);
    expect(orderBy('nonsense', 'asc')).toEqual(['started_at DESC']);
    expect(orderBy(undefined, undefined)).toEqual(['started_at DESC']);
    expect(quoteKey('a`b c')).toBe('`a``b c`');
    expect(columnField(parseColumn('tags')!)).toBeUndefined();
  });

  it('asks the server only for the fields the columns show', () => {
    const columns = ['name', 'p:lr', 'm:last:loss', 'm:min:loss'].map((id) => parseColumn(id)!);
    expect(requestedFields(columns)).toEqual(['tags.*', 'params.lr', 'metrics.loss']);
  });

  it('prefers the params that vary between runs for the default columns', () => {
    const cols = defaultColumns({ params: ['a', 'b', 'lr', 'seed'], metrics: [], varying: ['lr', 'seed'] });
    expect(cols.slice(6)).toEqual(['p:lr', 'p:seed']);
  });

  it('defaults to the run columns, four params and four non-system metrics', () => {
    const cols = defaultColumns({
      params: ['a', 'b', 'c', 'd', 'e'],
      metrics: ['system/gpu', 'train/loss', 'val/acc'],
    });
    expect(cols).toEqual(['name', 'state', 'user', 'created', 'duration', 'group', 'p:a', 'p:b', 'p:c', 'p:d', 'm:last:train/loss', 'm:last:val/acc']);
  });
});

describe('the filter box', () => {
  it('finds the 1-based position in the server’s message', () => {
    expect(filterErrorPosition("filter: expected a value, found 'FAILED'; quote strings: 'FAILED' at position 9")).toBe(9);
    expect(filterErrorPosition('limit must be between 1 and 1000')).toBeUndefined();
    expect(filterErrorPosition(undefined)).toBeUndefined();
  });

  it('completes the field being typed at the caret, quoting keys the language cannot take bare', () => {
    const keys = { params: ['optimizer.lr'], metrics: ['val/loss', 'val acc'], tags: ['stage'] };
    expect(completions('metrics.val', 11, keys).map((c) => c.label)).toEqual(['metrics.val/loss']);
    expect(completions('metrics.`val', 12, keys).map((c) => c.label)).toEqual(['metrics.`val acc`']);
    const [first] = completions("state = 'x' and par", 19, keys);
    expect(first).toEqual({ label: 'params.optimizer.lr', insert: 'params.optimizer.lr', from: 16, to: 19 });
    expect(completions('min(metrics.val/', 16, keys)).toEqual([
      { label: 'metrics.val/loss', insert: 'metrics.val/loss', from: 4, to: 16 },
    ]);
    // A bare word inside a key finds it too.
    expect(completions('loss', 4, keys).map((c) => c.label)).toContain('metrics.val/loss');
    expect(completions('', 0, keys)).toEqual([]);
  });
});

describe('the workspace URL', () => {
  it('keeps well-formed state and drops the rest, so any pasted link opens a view', () => {
    expect(validateRunsSearch({ q: "state = 'FAILED'", sort: 'm:last:loss', dir: 'asc', cols: ['name', 3], sel: ['r1'] })).toEqual({
      q: "state = 'FAILED'",
      sort: 'm:last:loss',
      dir: 'asc',
      cols: ['name'],
      sel: ['r1'],
    });
    expect(validateRunsSearch({ q: '  ', dir: 'sideways', cols: 'name', sel: [] })).toEqual({});
  });
});

describe('keys for the picker', () => {
  it('collects keys across runs and marks the params that vary', () => {
    const keys = keysOf([
      { params: { lr: '0.1', seed: '1' }, metrics: { loss: { count: 1 } }, tags: { stage: 'dev' } },
      { params: { lr: '0.01', seed: '1', extra: 'x' }, metrics: {}, tags: {} },
    ]);
    expect(keys).toEqual({ params: ['extra', 'lr', 'seed'], metrics: ['loss'], tags: ['stage'], varying: ['lr'] });
  });
});
