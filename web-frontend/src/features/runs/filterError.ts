/**
 * Where the server says a filter went wrong. Its 400 detail ends with `at position N` (1-based, see the search
 * package's docs); the filter box puts a caret under that character.
 */
export function filterErrorPosition(detail: string | undefined): number | undefined {
  if (!detail) return undefined;
  const match = /at position (\d+)\s*$/.exec(detail);
  return match ? Number(match[1]) : undefined;
}

const FIELD_PREFIXES = ['params.', 'metrics.', 'tags.', 'config.', 'min(metrics.', 'max(metrics.'];
const ATTRIBUTES = ['name', 'state', 'group', 'created_by', 'started_at', 'ended_at', 'duration', 'run_id'];

export type Completion = { label: string; insert: string; from: number; to: number };

/**
 * What the filter box offers at the caret: field names for the word being typed (`metrics.val` → `metrics.val/loss`,
 * `sta` → `state`), keys quoted as the language needs. `from`/`to` is the span the choice replaces.
 */
export function completions(
  text: string,
  caret: number,
  keys: { params: string[]; metrics: string[]; tags: string[] },
  limit = 12,
): Completion[] {
  let from = caret;
  while (from > 0 && /[^\s()=<>!,']/.test(text[from - 1]!)) from--;
  // The word stops at '(' too, so inside min( … ) the metric itself completes.
  const word = text.slice(from, caret);
  if (word.length === 0) return [];
  const quote = (key: string) => (/^[\p{L}\p{N}_\-./:]+$/u.test(key) ? key : `\`${key.replaceAll('`', '``')}\``);
  const candidates: string[] = [];
  for (const attribute of ATTRIBUTES) candidates.push(attribute);
  for (const key of keys.params) candidates.push(`params.${quote(key)}`);
  for (const key of keys.metrics) {
    candidates.push(`metrics.${quote(key)}`, `min(metrics.${quote(key)})`, `max(metrics.${quote(key)})`);
  }
  for (const key of keys.tags) candidates.push(`tags.${quote(key)}`);
  const lower = word.toLowerCase();
  const matches = candidates.filter((c) => c.toLowerCase().startsWith(lower) && c !== word);
  if (matches.length === 0 && !FIELD_PREFIXES.some((p) => p.startsWith(lower))) {
    // Also match inside keys: `loss` finds metrics.val/loss.
    matches.push(...candidates.filter((c) => c.includes('.') && c.toLowerCase().includes(lower)));
  }
  return matches.slice(0, limit).map((label) => ({ label, insert: label, from, to: caret }));
}
