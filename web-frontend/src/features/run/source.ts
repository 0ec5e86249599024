/**
 * Where a run ran and what it ran. The API has no fields for these: clients log them as tags. Runledger's own names
 * come first (`host`, `command`, `git.commit`, `git.branch`, `git.remote`), then MLflow's system tags
 * (`mlflow.source.name`, `mlflow.source.git.*`, `mlflow.user`), so runs logged either way show the same facts.
 */
const FACTS = [
  { label: 'Host', keys: ['host', 'hostname'] },
  { label: 'Command', keys: ['command'] },
  { label: 'Entry point', keys: ['mlflow.source.name'] },
  { label: 'Git commit', keys: ['git.commit', 'mlflow.source.git.commit'] },
  { label: 'Branch', keys: ['git.branch', 'mlflow.source.git.branch'] },
  { label: 'Repository', keys: ['git.remote', 'mlflow.source.git.repoURL', 'mlflow.gitRepoURL'] },
  { label: 'Client user', keys: ['mlflow.user'] },
] as const;

export type SourceFact = { label: string; key: string; value: string };

/** The facts a run's tags carry, in display order; nothing for what it did not log. */
export function sourceFacts(tags: Record<string, string> | undefined): SourceFact[] {
  const facts: SourceFact[] = [];
  for (const fact of FACTS) {
    const key = fact.keys.find((k) => (tags?.[k] ?? '').trim() !== '');
    if (key) facts.push({ label: fact.label, key, value: tags![key]! });
  }
  return facts;
}

/** Tag keys shown as source facts (and so not again as tag chips), plus MLflow's source type, which says little. */
export const SOURCE_TAG_KEYS: ReadonlySet<string> = new Set([...FACTS.flatMap((f) => f.keys), 'mlflow.source.type']);

/** A commit hash as people quote it: its first 10 characters. */
export const shortCommit = (hash: string) => (/^[0-9a-f]{11,}$/i.test(hash) ? hash.slice(0, 10) : hash);

/**
 * A command split where a line may break without cutting a word: after a space, a `/`, a `=` or a `,` (a path or a
 * list of values wraps at its separators). Each piece keeps its separator, so joining them gives the command back.
 */
export function commandPieces(command: string): string[] {
  return command.match(/[^ /=,]+[ /=,]*|[ /=,]+/g) ?? [];
}
