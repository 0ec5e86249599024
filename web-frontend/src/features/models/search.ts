/** The models list's state in the URL: a name filter. */
export type ModelsSearch = { q?: string };

export function validateModelsSearch(raw: Record<string, unknown>): ModelsSearch {
  return typeof raw['q'] === 'string' && raw['q'] !== '' ? { q: raw['q'] } : {};
}

/** A model page's state in the URL: the version opened (else the newest). */
export type ModelSearch = { v?: string };

export function validateModelSearch(raw: Record<string, unknown>): ModelSearch {
  const v = raw['v'];
  return (typeof v === 'string' || typeof v === 'number') && /^\d+$/.test(String(v)) ? { v: String(v) } : {};
}
