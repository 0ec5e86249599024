import { quoteKey } from './columns.ts';

/**
 * The AND/OR filter builder's model and its two-way conversion with the search language (the server's grammar is
 * `api/.../tracking/search/FilterParser.java`). The query text stays the one source of truth: the builder reads a
 * query into rows when it can represent it (comparisons joined by AND or OR, with one level of parenthesised groups)
 * and writes the rows back as a query. NOT and deeper nesting it cannot show; `parseQuery` says so and the text is
 * left alone.
 */
export const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'NOT LIKE', 'NOT ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'] as const;
export type Operator = (typeof OPERATORS)[number];
export type Join = 'and' | 'or';

/** A value as written: quoted (a string) or bare (a number, NaN, Infinity). */
export type Literal = { text: string; quoted: boolean };

/** `field` is written as the language writes it: `params.lr`, `min(metrics.val/loss)`, ``tags.`my tag` ``, `state`. */
export type Condition = { kind: 'condition'; field: string; op: Operator; values: Literal[] };
export type Group = { kind: 'group'; join: Join; conditions: Condition[] };
export type Builder = { join: Join; items: (Condition | Group)[] };

export type FieldKind = 'metric' | 'param' | 'tag' | 'text' | 'state' | 'time' | 'number';

const ATTRIBUTE_KINDS: Record<string, FieldKind> = {
  name: 'text',
  group: 'text',
  created_by: 'text',
  run_id: 'text',
  state: 'state',
  started_at: 'time',
  ended_at: 'time',
  duration: 'number',
};
export const ATTRIBUTES = Object.keys(ATTRIBUTE_KINDS);

/** What a field is, for the operators and value quoting it takes; undefined when it is not a field. */
export function fieldKind(field: string): FieldKind | undefined {
  const f = field.trim();
  if (/^(min|max|last)\(\s*metrics?\..+\)$/i.test(f) || /^metrics?\./i.test(f)) return 'metric';
  if (/^(params?|config)\./i.test(f)) return 'param';
  if (/^tags?\./i.test(f)) return 'tag';
  const attribute = f.replace(/^(attributes?|run)\./i, '').toLowerCase();
  return ATTRIBUTE_KINDS[attribute];
}

/** The operators that fit a field's kind (all of them while the field is not yet known). */
export function operatorsFor(kind: FieldKind | undefined): readonly Operator[] {
  const nulls: Operator[] = ['IS NULL', 'IS NOT NULL'];
  switch (kind) {
    case 'metric':
    case 'number':
      return ['=', '!=', '<', '<=', '>', '>=', ...nulls];
    case 'time':
      return ['<', '<=', '>', '>=', ...nulls];
    case 'state':
      return ['=', '!=', 'IN', 'NOT IN'];
    case 'tag':
    case 'text':
      return ['=', '!=', 'LIKE', 'ILIKE', 'NOT LIKE', 'NOT ILIKE', 'IN', 'NOT IN', ...nulls];
    default:
      return OPERATORS;
  }
}

export function takesValues(op: Operator): 0 | 1 | 'list' {
  if (op === 'IS NULL' || op === 'IS NOT NULL') return 0;
  return op === 'IN' || op === 'NOT IN' ? 'list' : 1;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:nan|inf|infinity)$/i;

/**
 * The literals a builder row's value box holds (IN lists are comma-separated). Numbers stay bare for fields that
 * compare numerically (metrics, params, duration); everything else is a quoted string. A value typed in quotes
 * keeps them.
 */
export function literalsFromInput(text: string, kind: FieldKind | undefined, list: boolean): Literal[] {
  const parts = list ? splitList(text) : [text.trim()];
  return parts
    .filter((p) => p !== '')
    .map((part) => {
      const quotedAlready = /^'.*'$|^".*"$/s.test(part) && part.length >= 2;
      if (quotedAlready) return { text: part.slice(1, -1), quoted: true };
      const numeric = NUMBER.test(part) && (kind === 'metric' || kind === 'param' || kind === 'number' || kind === undefined);
      return { text: part, quoted: !numeric };
    });
}

function splitList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === ',') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

/** What a row's value box shows for its literals (quoted ones only when a bare form would read as a number). */
export function inputFromLiterals(values: Literal[]): string {
  return values.map((v) => (v.quoted && NUMBER.test(v.text) ? `'${v.text}'` : v.text)).join(', ');
}

// ------------------------------------------------------------------------------------------ builder → query

function literal(value: Literal): string {
  return value.quoted ? `'${value.text.replaceAll("'", "''")}'` : value.text;
}

function condition(c: Condition): string | undefined {
  const field = c.field.trim();
  if (field === '') return undefined;
  const arity = takesValues(c.op);
  if (arity === 0) return `${field} ${c.op}`;
  if (c.values.length === 0) return undefined;
  if (arity === 'list') return `${field} ${c.op} (${c.values.map(literal).join(', ')})`;
  return `${field} ${c.op} ${literal(c.values[0]!)}`;
}

/** The builder's rows as a query; rows without a field or value are left out. */
export function toQuery(builder: Builder): string {
  const parts: string[] = [];
  for (const item of builder.items) {
    if (item.kind === 'condition') {
      const text = condition(item);
      if (text) parts.push(text);
    } else {
      const inner = item.conditions.map(condition).filter((t): t is string => t !== undefined);
      if (inner.length === 1) parts.push(inner[0]!);
      else if (inner.length > 1) parts.push(`(${inner.join(` ${item.join} `)})`);
    }
  }
  return parts.join(` ${builder.join} `);
}

/** A field for a column-like key: `params.<key>`, `metrics.<key>`, `min(metrics.<key>)`, `tags.<key>`. */
export function fieldFor(kind: 'param' | 'metric' | 'tag', key: string, aggregate: 'last' | 'min' | 'max' = 'last'): string {
  const prefix = { param: 'params', metric: 'metrics', tag: 'tags' }[kind];
  const field = `${prefix}.${quoteKey(key)}`;
  return kind === 'metric' && aggregate !== 'last' ? `${aggregate}(${field})` : field;
}

// ------------------------------------------------------------------------------------------ query → builder

type Token =
  | { t: 'word'; text: string; at: number }
  | { t: 'string'; text: string; at: number }
  | { t: 'key'; text: string; at: number }
  | { t: 'op'; text: string; at: number }
  | { t: 'punct'; text: '(' | ')' | ','; at: number };

const KEY_CHAR = /[\p{L}\p{N}_\-./:+]/u;

class Unreadable extends Error {}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', text: c, at: i });
      i++;
    } else if ('!<>='.includes(c)) {
      const two = source.slice(i, i + 2);
      const text = ['!=', '<>', '<=', '>='].includes(two) ? two : c;
      if (text === '!') throw new Unreadable(`'!' at ${i + 1}`);
      tokens.push({ t: 'op', text: text === '<>' ? '!=' : text, at: i });
      i += text.length;
    } else if (c === "'" || c === '"' || c === '`') {
      const at = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Unreadable('unterminated quote');
        const d = source[i]!;
        const next = source[i + 1];
        if (d === c && next === c) {
          text += c;
          i += 2;
        } else if (d === c) {
          i++;
          break;
        } else if (d === '\\' && c !== '`' && (next === "'" || next === '"' || next === '\\')) {
          text += next;
          i += 2;
        } else {
          text += d;
          i++;
        }
      }
      // A double-quoted token right after `prefix.` is a key, as the server reads it.
      const previous = tokens[tokens.length - 1];
      const isKey = c === '`' || (previous?.t === 'word' && previous.text.endsWith('.') && previous.at + previous.text.length === at);
      tokens.push({ t: isKey ? 'key' : 'string', text, at });
    } else if (KEY_CHAR.test(c)) {
      const at = i;
      while (i < source.length && KEY_CHAR.test(source[i]!)) i++;
      tokens.push({ t: 'word', text: source.slice(at, i), at });
    } else {
      throw new Unreadable(`'${c}' at ${i + 1}`);
    }
  }
  return tokens;
}

type Node = { kind: 'and' | 'or'; operands: Node[] } | { kind: 'not' } | Condition;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token?.t === 'word' && token.text.toLowerCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }

  parse(): Node {
    const node = this.or();
    if (this.i < this.tokens.length) throw new Unreadable('trailing text');
    return node;
  }

  private or(): Node {
    const operands = [this.and()];
    while (this.keyword('or')) operands.push(this.and());
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private and(): Node {
    const operands = [this.unary()];
    while (this.keyword('and')) operands.push(this.unary());
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private unary(): Node {
    if (this.keyword('not')) {
      this.unary();
      return { kind: 'not' };
    }
    const token = this.peek();
    if (token?.t === 'punct' && token.text === '(') {
      this.i++;
      const inner = this.or();
      const close = this.peek();
      if (close?.t !== 'punct' || close.text !== ')') throw new Unreadable("expected ')'");
      this.i++;
      return inner;
    }
    return this.comparison();
  }

  private field(): string {
    const token = this.peek();
    if (token?.t !== 'word') throw new Unreadable('expected a field');
    this.i++;
    const lower = token.text.toLowerCase();
    const next = this.peek();
    if ((lower === 'min' || lower === 'max' || lower === 'last') && next?.t === 'punct' && next.text === '(') {
      this.i++;
      const inner = this.field();
      const close = this.peek();
      if (close?.t !== 'punct' || close.text !== ')') throw new Unreadable("expected ')'");
      this.i++;
      return lower === 'last' ? inner : `${lower}(${inner})`;
    }
    if (token.text.endsWith('.') && next?.t === 'key' && next.at === token.at + token.text.length) {
      this.i++;
      return canonical(token.text.slice(0, -1), next.text);
    }
    const dot = token.text.indexOf('.');
    if (dot > 0) return canonical(token.text.slice(0, dot), token.text.slice(dot + 1));
    if (fieldKind(token.text) === undefined) throw new Unreadable(`unknown field ${token.text}`);
    return token.text.toLowerCase();
  }

  private operator(): Operator {
    const token = this.peek();
    if (token?.t === 'op') {
      this.i++;
      return token.text as Operator;
    }
    if (this.keyword('in')) return 'IN';
    if (this.keyword('like')) return 'LIKE';
    if (this.keyword('ilike')) return 'ILIKE';
    if (this.keyword('not')) {
      if (this.keyword('in')) return 'NOT IN';
      if (this.keyword('like')) return 'NOT LIKE';
      if (this.keyword('ilike')) return 'NOT ILIKE';
    }
    if (this.keyword('is')) {
      const not = this.keyword('not');
      if (this.keyword('null')) return not ? 'IS NOT NULL' : 'IS NULL';
    }
    throw new Unreadable('expected an operator');
  }

  private value(): Literal {
    const token = this.peek();
    this.i++;
    if (token?.t === 'string') return { text: token.text, quoted: true };
    if (token?.t === 'word' && NUMBER.test(token.text)) return { text: token.text, quoted: false };
    throw new Unreadable('expected a value');
  }

  private comparison(): Condition {
    const field = this.field();
    const op = this.operator();
    const arity = takesValues(op);
    const values: Literal[] = [];
    if (arity === 1) values.push(this.value());
    if (arity === 'list') {
      const open = this.peek();
      if (open?.t !== 'punct' || open.text !== '(') throw new Unreadable("expected '('");
      this.i++;
      for (;;) {
        values.push(this.value());
        const next = this.peek();
        this.i++;
        if (next?.t === 'punct' && next.text === ')') break;
        if (next?.t !== 'punct' || next.text !== ',') throw new Unreadable("expected ',' or ')'");
      }
    }
    return { kind: 'condition', field, op, values };
  }
}

function canonical(prefix: string, key: string): string {
  const p = prefix.toLowerCase();
  if (p === 'metrics' || p === 'metric') return `metrics.${quoteKey(key)}`;
  if (p === 'params' || p === 'param' || p === 'config') return `params.${quoteKey(key)}`;
  if (p === 'tags' || p === 'tag') return `tags.${quoteKey(key)}`;
  if ((p === 'attributes' || p === 'attribute' || p === 'run') && fieldKind(key) !== undefined) return key.toLowerCase();
  throw new Unreadable(`unknown field ${prefix}.${key}`);
}

export type Parsed = { ok: true; builder: Builder } | { ok: false; reason: string };

const NESTED = 'The builder shows conditions joined by AND or OR with one level of groups; this filter uses NOT or deeper nesting. Edit it as text, or start a new filter here.';

/** The builder's rows for a query, or why it cannot show it (then the text stays as it is). */
export function parseQuery(query: string): Parsed {
  if (query.trim() === '') return { ok: true, builder: { join: 'and', items: [] } };
  let node: Node;
  try {
    node = new Parser(tokenize(query)).parse();
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, reason: `The builder cannot read this filter (${error.message}); edit it as text, or start a new filter here.` };
    throw error;
  }
  if (node.kind === 'condition') return { ok: true, builder: { join: 'and', items: [node] } };
  if (node.kind === 'not') return { ok: false, reason: NESTED };
  const items: (Condition | Group)[] = [];
  for (const operand of flatten(node)) {
    if (operand.kind === 'condition') items.push(operand);
    else if (operand.kind === 'not') return { ok: false, reason: NESTED };
    else {
      const conditions = flatten(operand);
      if (!conditions.every((c): c is Condition => c.kind === 'condition')) return { ok: false, reason: NESTED };
      items.push({ kind: 'group', join: operand.kind, conditions });
    }
  }
  return { ok: true, builder: { join: node.kind, items } };
}

/** `(a or b) or c` is `a or b or c`: operands of the same join merge. */
function flatten(node: { kind: 'and' | 'or'; operands: Node[] }): Node[] {
  return node.operands.flatMap((o) => (o.kind === node.kind ? flatten(o as { kind: 'and' | 'or'; operands: Node[] }) : [o]));
}
