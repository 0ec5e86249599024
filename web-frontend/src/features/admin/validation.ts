/** Client-side checks of the settings forms; the server checks again and its detail is shown beside the field. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ALIAS = /^[a-z0-9-]{1,40}$/;

export function emailError(email: string): string | undefined {
  if (!email.trim()) return 'Enter an email address.';
  if (!EMAIL.test(email.trim())) return 'This is not an email address.';
  return undefined;
}

export function nameError(name: string, what: string): string | undefined {
  if (!name.trim()) return `Give the ${what} a name.`;
  if (name.trim().length > 100) return 'At most 100 characters.';
  return undefined;
}

/** `acme.com, Example.org` → `['acme.com', 'example.org']` (comma, space or newline separated). */
export function parseDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter((d) => d !== '');
}

export function domainsError(text: string): string | undefined {
  const domains = parseDomains(text);
  if (domains.length === 0) return 'Name at least one email domain, such as example.com.';
  const bad = domains.find((d) => !DOMAIN.test(d));
  return bad ? `“${bad}” is not an email domain.` : undefined;
}

export function aliasError(alias: string): string | undefined {
  if (!ALIAS.test(alias)) return 'Use 1–40 lowercase letters, digits or dashes.';
  return undefined;
}

export function urlError(url: string, required: boolean): string | undefined {
  if (!url.trim()) return required ? 'Required.' : undefined;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Use an http(s) URL.';
  } catch {
    return 'This is not a URL.';
  }
  return undefined;
}

/**
 * Which form field a server problem detail is about, so it is shown next to that field: the server names the field
 * in its message (`alias must be …`, `'x' is not an email domain`, `clientId is required`).
 */
export function fieldOfDetail(detail: string | undefined, fields: readonly string[]): string | undefined {
  if (!detail) return undefined;
  const lower = detail.toLowerCase();
  const named = fields.find((f) => new RegExp(`\\b${f.toLowerCase()}\\b`).test(lower));
  if (named) return named;
  if (fields.includes('domains') && lower.includes('domain')) return 'domains';
  if (fields.includes('email') && lower.includes('email')) return 'email';
  if (fields.includes('role') && lower.includes('role')) return 'role';
  if (fields.includes('name') && lower.includes('name')) return 'name';
  return undefined;
}
