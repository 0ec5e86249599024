/**
 * @mentions in comments. The API keeps a comment as plain text, so a mention is written into the text as `@` and the
 * member's email (unique in the organisation, and what the reader recognises); these helpers find the mention being
 * typed at the caret, complete it, and split a body into text and mentions for display.
 */
export type Mentionable = { email: string; name: string };

/** The mention being typed: an `@` at the start or after a space, then up to the caret no space. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]*(?:@[^\s@]*)?)$/.exec(before);
  if (!match) return undefined;
  const query = match[2]!;
  return { start: caret - query.length - 1, query };
}

/** Replaces the mention being typed (from `start` to the caret) with the member's, and a space after it. */
export function insertMention(text: string, start: number, caret: number, email: string): { text: string; caret: number } {
  const inserted = `@${email} `;
  const rest = text.slice(caret).replace(/^\S*/, '');
  return { text: text.slice(0, start) + inserted + rest.replace(/^ /, ''), caret: start + inserted.length };
}

/** Members whose name or email starts with (then: contains) the query, at most `max`. */
export function matchMembers(members: readonly Mentionable[], query: string, max = 6): Mentionable[] {
  const q = query.toLowerCase();
  const starts = members.filter((m) => m.email.toLowerCase().startsWith(q) || m.name.toLowerCase().startsWith(q));
  const contains = members.filter((m) => !starts.includes(m) && (m.email.toLowerCase().includes(q) || m.name.toLowerCase().includes(q)));
  return [...starts, ...contains].slice(0, max);
}

/** A body as text and the mentions of known members (by email), for display. */
export function mentionParts(body: string, emails: ReadonlySet<string>): ({ text: string } | { mention: string })[] {
  const parts: ({ text: string } | { mention: string })[] = [];
  const pattern = /@([^\s@]+@[^\s@]+?)(?=[\s,.;:!?)]*(?:\s|$))/g;
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const email = match[1]!;
    if (!emails.has(email.toLowerCase())) continue;
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ mention: email });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}
