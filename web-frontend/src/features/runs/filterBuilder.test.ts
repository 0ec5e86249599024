import { describe, expect, it } from 'vitest';
import { fieldKind, inputFromLiterals, literalsFromInput, operatorsFor, parseQuery, toQuery, type Builder } from './filterBuilder.ts';

describe('the filter builder', () => {
  it('writes conditions joined by AND or OR, with a parenthesised group', () => {
    const builder: Builder = {
      join: 'and',
      items: [
        { kind: 'condition', field: 'params.optimizer.name', op: '=', values: [{ text: 'adamw', quoted: true }] },
        {
          kind: 'group',
          join: 'or',
          conditions: [
            { kind: 'condition', field: 'metrics.val/loss', op: '<', values: [{ text: '0.5', quoted: false }] },
            { kind: 'condition', field: 'tags.stage', op: 'IN', values: [{ text: 'prod', quoted: true }, { text: 'final', quoted: true }] },
          ],
        },
        { kind: 'condition', field: 'group', op: 'IS NULL', values: [] },
      ],
    };
    expect(toQuery(builder)).toBe(
      "params.optimizer.name = 'adamw' and (metrics.val/loss < 0.5 or tags.stage IN ('prod', 'final')) and group IS NULL",
    );
  });

  it('leaves out rows without a field or value and unwraps a group of one', () => {
    const builder: Builder = {
      join: 'or',
      items: [
        { kind: 'condition', field: '', op: '=', values: [{ text: 'x', quoted: true }] },
        { kind: 'condition', field: 'name', op: '=', values: [] },
        { kind: 'group', join: 'and', conditions: [{ kind: 'condition', field: 'state', op: '=', values: [{ text: 'RUNNING', quoted: true }] }] },
      ],
    };
    expect(toQuery(builder)).toBe("state = 'RUNNING'");
  });

  it('quotes keys the language cannot read bare and doubles quotes inside values', () => {
    const query = "tags.`my tag` = 'it''s' or params.`odd``key` != 'a\\'b'";
    const parsed = parseQuery(query);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.builder.join).toBe('or');
    expect(parsed.builder.items).toEqual([
      { kind: 'condition', field: 'tags.`my tag`', op: '=', values: [{ text: "it's", quoted: true }] },
      { kind: 'condition', field: 'params.`odd``key`', op: '!=', values: [{ text: "a'b", quoted: true }] },
    ]);
    expect(toQuery(parsed.builder)).toBe("tags.`my tag` = 'it''s' or params.`odd``key` != 'a''b'");
  });

  it('reads back what it writes, keyword case and aliases aside', () => {
    const queries = [
      "params.lr >= 1e-3 and min(metrics.val/loss) < 0.2",
      "(state = 'RUNNING' or state = 'CRASHED') and duration > 3600",
      "tags.stage NOT IN ('dev', 'tmp') or name ILIKE 'resnet%' or ended_at IS NOT NULL",
      "params.seed = '3' and max(metrics.acc) > -0.5",
    ];
    for (const query of queries) {
      const parsed = parseQuery(query);
      expect(parsed.ok, query).toBe(true);
      if (parsed.ok) expect(toQuery(parsed.builder)).toBe(query);
    }
    const aliased = parseQuery('PARAM.lr = 0.1 AND config."a b" = 2 AND last(metric.loss) < 1 AND run.name LIKE \'x%\'');
    expect(aliased.ok && toQuery(aliased.builder)).toBe("params.lr = 0.1 and params.`a b` = 2 and metrics.loss < 1 and name LIKE 'x%'");
  });

  it('merges operands of the same join and keeps one level of groups', () => {
    const parsed = parseQuery("(a.b = 1 or params.x = 1) or params.y = 2");
    expect(parsed.ok).toBe(false);
    const merged = parseQuery("(params.x = 1 or params.y = 2) or params.z = 3");
    expect(merged.ok && merged.builder.items.length).toBe(3);
    const grouped = parseQuery("params.x = 1 and (params.y = 2 or params.z = 3)");
    expect(grouped.ok && grouped.builder.items[1]).toMatchObject({ kind: 'group', join: 'or' });
  });

  it('says plainly when it cannot show a filter: NOT, deeper nesting, broken text', () => {
    for (const query of [
      "not state = 'RUNNING'",
      "params.a = 1 and (params.b = 2 or (params.c = 3 and params.d = 4))",
      "params.a = ",
      "params.a = 'open",
    ]) {
      const parsed = parseQuery(query);
      expect(parsed.ok, query).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/edit it as text/i);
    }
    expect(parseQuery('')).toEqual({ ok: true, builder: { join: 'and', items: [] } });
  });

  it('types values by field: numbers bare for metrics and params, strings quoted for tags and text', () => {
    expect(literalsFromInput('0.5', 'metric', false)).toEqual([{ text: '0.5', quoted: false }]);
    expect(literalsFromInput('0.5', 'tag', false)).toEqual([{ text: '0.5', quoted: true }]);
    expect(literalsFromInput("adam, 'sgd, momentum', 3", 'param', true)).toEqual([
      { text: 'adam', quoted: true },
      { text: 'sgd, momentum', quoted: true },
      { text: '3', quoted: false },
    ]);
    expect(literalsFromInput("'3'", 'param', false)).toEqual([{ text: '3', quoted: true }]);
    expect(inputFromLiterals([{ text: '3', quoted: true }, { text: 'adam', quoted: true }])).toBe("'3', adam");
  });

  it('offers the operators that fit the field', () => {
    expect(fieldKind('min(metrics.loss)')).toBe('metric');
    expect(fieldKind('params.`a b`')).toBe('param');
    expect(fieldKind('started_at')).toBe('time');
    expect(fieldKind('bogus')).toBeUndefined();
    expect(operatorsFor('metric')).not.toContain('LIKE');
    expect(operatorsFor('state')).toEqual(['=', '!=', 'IN', 'NOT IN']);
    expect(operatorsFor('tag')).toContain('ILIKE');
  });
});
