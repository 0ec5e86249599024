import { describe, expect, it } from 'vitest';
import { insertMention, matchMembers, mentionAt, mentionParts } from './mentions.ts';

const members = [
  { email: 'ada@acme.test', name: 'Ada Lovelace' },
  { email: 'grace@acme.test', name: 'Grace Hopper' },
  { email: 'linus@acme.test', name: 'Adam Linus' },
];

describe('mentions in comments', () => {
  it('finds the mention being typed at the caret, and none inside a word or after a space', () => {
    expect(mentionAt('Thanks @gr', 10)).toEqual({ start: 7, query: 'gr' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail me at x@y', 14)).toBeUndefined();
    expect(mentionAt('@ada done', 9)).toBeUndefined();
  });

  it('offers members whose name or email starts with the query first, then those containing it', () => {
    expect(matchMembers(members, 'ada').map((m) => m.email)).toEqual(['ada@acme.test', 'linus@acme.test']);
    expect(matchMembers(members, 'hop').map((m) => m.email)).toEqual(['grace@acme.test']);
    expect(matchMembers(members, '', 2)).toHaveLength(2);
  });

  it('completes the mention with the email and a space, keeping the text after it', () => {
    expect(insertMention('Thanks @gr see above', 7, 10, 'grace@acme.test')).toEqual({
      text: 'Thanks @grace@acme.test see above',
      caret: 24,
    });
  });

  it('splits a body into text and mentions of known members only', () => {
    const known = new Set(['grace@acme.test']);
    expect(mentionParts('cc @grace@acme.test, and @bob@x.test.', known)).toEqual([
      { text: 'cc ' },
      { mention: 'grace@acme.test' },
      { text: ', and @bob@x.test.' },
    ]);
  });
});
