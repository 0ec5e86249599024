import type { ArtifactView, VersionView } from './api.ts';

/** The types present in a project's artifacts, with how many of each, by name. */
export function typeCounts(artifacts: readonly ArtifactView[]): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of artifacts) counts.set(a.type ?? '', (counts.get(a.type ?? '') ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
}

/** The artifacts of one type (all when none) whose name contains the text, ignoring case; the server's name order. */
export function filterArtifacts(artifacts: readonly ArtifactView[], type: string | undefined, q: string | undefined) {
  const needle = (q ?? '').trim().toLowerCase();
  return artifacts.filter((a) => (!type || a.type === type) && (!needle || (a.name ?? '').toLowerCase().includes(needle)));
}

const ALIAS = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * What is wrong with an alias a person typed, if anything: the server checks again (its detail is shown beside the
 * field), but the obvious mistakes are caught before a round trip. `latest` moves by itself and cannot be set.
 */
export function aliasError(alias: string): string | undefined {
  const trimmed = alias.trim();
  if (!trimmed) return 'Name the alias, such as best or production.';
  if (trimmed === 'latest') return '“latest” always points at the newest version; it cannot be moved.';
  if (/^v?\d+$/.test(trimmed)) return 'An alias cannot look like a version number.';
  if (!ALIAS.test(trimmed)) return 'Start with a letter; then letters, digits, dots, dashes or underscores (at most 64).';
  return undefined;
}

/** The version the page shows: the one in the URL if the artifact has it, else the newest committed one. */
export function openVersion(versions: readonly VersionView[], wanted: number | undefined): VersionView | undefined {
  return versions.find((v) => v.version === wanted) ?? versions.find((v) => v.state === 'COMMITTED');
}

/** Every alias of the artifact with the version it points at, `latest` first, then by name. */
export function aliasesOf(versions: readonly VersionView[]): { alias: string; version: number }[] {
  return versions
    .flatMap((v) => (v.aliases ?? []).map((alias) => ({ alias, version: v.version! })))
    .sort((a, b) => (a.alias === 'latest' ? -1 : b.alias === 'latest' ? 1 : a.alias.localeCompare(b.alias)));
}
