/**
 * Organisation and project slugs as the server accepts them (tenancy's Slug: lowercase letters, digits and single
 * inner hyphens, 2 to 63 characters), suggested from a name as it is typed.
 */
const FORM = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$/;

export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** What is wrong with a slug, in words, or undefined when the server will take it. */
export function slugError(slug: string): string | undefined {
  if (slug.length < 2) return 'At least 2 characters: lowercase letters, digits and hyphens.';
  if (slug.length > 63) return 'At most 63 characters.';
  if (!FORM.test(slug)) return 'Only lowercase letters, digits and single hyphens between them.';
  return undefined;
}
