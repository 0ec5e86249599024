import { describe, expect, it } from 'vitest';
import {
  addBlock,
  conflictRows,
  copyTheirBlock,
  copyTheirField,
  hasProblems,
  moveBlock,
  newBlock,
  newBlockId,
  blocksFromRuns,
  parseList,
  problemsOfDetail,
  removeBlock,
  replaceBlock,
  validateDraft,
  type Draft,
} from './editing.ts';
import type { Block } from './types.ts';

const text = (id: string, body = id): Block => ({ id, type: 'markdown', text: body });
const draft = (...blocks: Block[]): Draft => ({ title: 'Sweep', description: '', blocks });
const ids = (d: Draft) => d.blocks.map((b) => b.id);

describe('block editing', () => {
  it('adds a block at the end, or at a position', () => {
    expect(ids(addBlock(draft(text('a')), text('b')))).toEqual(['a', 'b']);
    expect(ids(addBlock(draft(text('a'), text('c')), text('b'), 1))).toEqual(['a', 'b', 'c']);
  });

  it('moves a block one place up or down and leaves the ends alone', () => {
    const d = draft(text('a'), text('b'), text('c'));
    expect(ids(moveBlock(d, 'b', -1))).toEqual(['b', 'a', 'c']);
    expect(ids(moveBlock(d, 'b', 1))).toEqual(['a', 'c', 'b']);
    expect(moveBlock(d, 'a', -1)).toBe(d);
    expect(moveBlock(d, 'c', 1)).toBe(d);
  });

  it('deletes and replaces blocks by id without touching the others', () => {
    const d = draft(text('a'), text('b'));
    expect(ids(removeBlock(d, 'a'))).toEqual(['b']);
    expect(replaceBlock(d, text('b', 'new')).blocks[1]).toEqual(text('b', 'new'));
    expect(replaceBlock(d, text('b', 'new')).blocks[0]).toBe(d.blocks[0]);
  });

  it('makes block ids the server accepts', () => {
    for (let i = 0; i < 50; i++) expect(newBlockId()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newBlockId(() => 0)).toBe('b00000000');
  });

  it('starts new chart and comparison blocks without metrics, which the checks then ask for', () => {
    const chart = newBlock('lineChart', { limit: 20 }, 'c1');
    expect(chart).toMatchObject({ type: 'lineChart', xAxis: 'step', metrics: [], runSet: { limit: 20 } });
    expect(validateDraft(draft(chart)).blocks['c1']).toBe('Name at least one metric to chart.');
    expect(hasProblems(validateDraft(draft(newBlock('markdown', { limit: 1 }, 'm'))))).toBe(false);
  });
});

describe('checks before a save', () => {
  it('asks for a title, text, metrics, runs and an artifact reference', () => {
    const problems = validateDraft({
      title: ' ',
      description: '',
      blocks: [
        text('t', '  '),
        { id: 'c', type: 'lineChart', title: '', runSet: { runIds: [] }, metrics: ['loss'], xAxis: 'step', mode: 'LTTB', points: 250 },
        { id: 's', type: 'lineChart', title: '', runSet: { limit: 10 }, metrics: ['loss'], xAxis: 'step', mode: 'LTTB', points: 250, smoothing: 1 },
        { id: 'a', type: 'artifactReference', artifactName: 'weights' },
      ],
    });
    expect(problems.title).toBe('A report needs a title.');
    expect(problems.blocks).toEqual({
      t: 'Write some text, or delete the block.',
      c: 'Pick at least one run, or use a search.',
      s: 'Smoothing is a weight from 0 up to (not including) 1.',
      a: 'Give a version or an alias.',
    });
  });

  it('places the server problem at the block it names by index, or the title, or the report', () => {
    const sent = draft(text('a'), text('b'));
    expect(problemsOfDetail("blocks[1] (lineChart): unknown x axis 'foo'", sent)).toEqual({ blocks: { b: "unknown x axis 'foo'" } });
    expect(problemsOfDetail('title must not be blank', sent)).toEqual({ title: 'title must not be blank', blocks: {} });
    expect(problemsOfDetail('a report holds at most 30 panels', sent)).toEqual({ report: 'a report holds at most 30 panels', blocks: {} });
  });

  it('reads a comma-separated list without empties or repeats', () => {
    expect(parseList(' loss, acc,, loss ,')).toEqual(['loss', 'acc']);
  });
});

describe('a version conflict', () => {
  const theirs = { title: 'Their title', description: 'd', blocks: [text('a', 'theirs'), text('n', 'new of theirs'), text('c')] };
  const mine = { title: 'Sweep', description: 'd', blocks: [text('a', 'mine'), text('c'), text('m', 'only mine')] };

  it('lists both versions block by block: theirs in order, then the ones only I have', () => {
    expect(conflictRows(theirs, mine).map((r) => [r.id, Boolean(r.theirs), Boolean(r.mine), r.same])).toEqual([
      ['a', true, true, false],
      ['n', true, false, false],
      ['c', true, true, true],
      ['m', false, true, false],
    ]);
  });

  it('merges by copying one of their blocks into mine: replaced in place, or inserted after its predecessor', () => {
    const replaced = copyTheirBlock(mine, theirs, 'a');
    expect(replaced.blocks[0]).toEqual(text('a', 'theirs'));
    expect(ids(replaced)).toEqual(['a', 'c', 'm']);
    const inserted = copyTheirBlock(mine, theirs, 'n');
    expect(ids(inserted)).toEqual(['a', 'n', 'c', 'm']);
    expect(copyTheirBlock(mine, theirs, 'missing')).toBe(mine);
  });

  it('copies their title into mine and keeps the rest of mine', () => {
    const merged = copyTheirField(mine, theirs, 'title');
    expect(merged.title).toBe('Their title');
    expect(merged.blocks).toBe(mine.blocks);
  });
});

describe('a report from picked runs', () => {
  it('starts with a note, a chart of a loss-like metric and a table of exactly those runs', () => {
    let n = 0;
    const blocks = blocksFromRuns(['r1', 'r2'], ['accuracy', 'system/cpu', 'val_loss'], () => `b${n++}`);
    expect(blocks.map((b) => b.type)).toEqual(['markdown', 'lineChart', 'runsTable']);
    expect(blocks[1]).toMatchObject({ metrics: ['val_loss'], runSet: { runIds: ['r1', 'r2'] } });
    expect(blocks[2]).toMatchObject({ columns: ['name', 'state', 'started_at', 'metrics.val_loss'] });
    expect(hasProblems(validateDraft({ title: 't', description: '', blocks }))).toBe(false);
  });

  it('leaves the chart out when the runs logged no metric', () => {
    expect(blocksFromRuns(['r1'], []).map((b) => b.type)).toEqual(['markdown', 'runsTable']);
  });
});
