import { describe, expect, it } from 'vitest';
import { groupField, groupFilter, groupLabel } from './groups.ts';

describe('grouping the runs table', () => {
  it('maps params, tags and attributes to search fields, quoting odd keys', () => {
    expect(groupField('p:optimizer.name')).toBe('params.optimizer.name');
    expect(groupField('t:stage')).toBe('tags.stage');
    expect(groupField('t:two words')).toBe('tags.`two words`');
    expect(groupField('user')).toBe('created_by');
    expect(groupField('created')).toBeUndefined();
    expect(groupField('p:')).toBeUndefined();
    expect(groupLabel('t:stage')).toBe('tag stage');
  });

  it('narrows the current filter to a group, escaping quotes, with IS NULL for runs without the key', () => {
    expect(groupFilter(undefined, 'params.opt', "it's")).toBe("params.opt = 'it''s'");
    expect(groupFilter('state = \'FINISHED\' or name = \'x\'', 'tags.stage', 'sweep')).toBe(
      "(state = 'FINISHED' or name = 'x') and tags.stage = 'sweep'",
    );
    expect(groupFilter('  ', 'params.opt', null)).toBe('params.opt IS NULL');
  });
});
