/** The artifacts list's state in the URL: a type to show, and a name filter. */
export type ArtifactsSearch = { type?: string; q?: string };

export function validateArtifactsSearch(raw: Record<string, unknown>): ArtifactsSearch {
  const search: ArtifactsSearch = {};
  if (typeof raw['type'] === 'string' && raw['type'] !== '') search.type = raw['type'];
  if (typeof raw['q'] === 'string' && raw['q'] !== '') search.q = raw['q'];
  return search;
}

/** An artifact page's state in the URL: the version opened (else the newest), and whether deleted ones are listed. */
export type ArtifactSearch = { v?: number; deleted?: boolean };

export function validateArtifactSearch(raw: Record<string, unknown>): ArtifactSearch {
  const search: ArtifactSearch = {};
  const v = Number(raw['v']);
  if (raw['v'] !== undefined && Number.isInteger(v) && v > 0) search.v = v;
  if (raw['deleted'] === true || raw['deleted'] === 'true' || raw['deleted'] === 1) search.deleted = true;
  return search;
}
