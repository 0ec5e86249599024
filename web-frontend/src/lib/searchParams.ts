/**
 * Applies changes to a route's search params: an undefined value removes the key, so URLs stay short and the
 * types stay exact (`exactOptionalPropertyTypes`).
 */
export function patchSearch<T extends object>(previous: T, changes: { [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...previous } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
