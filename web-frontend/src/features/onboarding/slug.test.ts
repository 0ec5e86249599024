import { describe, expect, it } from 'vitest';
import { slugError, slugFrom } from './slug.ts';

describe('slugs', () => {
  it('suggests a slug the server accepts from any organisation name', () => {
    expect(slugFrom('Acme Research Lab')).toBe('acme-research-lab');
    expect(slugFrom('  Überwald & Söhne GmbH!! ')).toBe('uberwald-sohne-gmbh');
    expect(slugFrom('--x--')).toBe('x');
    expect(slugFrom('a'.repeat(80))).toHaveLength(63);
    for (const name of ['Acme Research Lab', 'Überwald & Söhne', 'DeepMind-2', 'AB']) {
      expect(slugError(slugFrom(name))).toBeUndefined();
    }
  });

  it('names what is wrong with a slug the server would refuse', () => {
    expect(slugError('a')).toContain('At least 2');
    expect(slugError('Acme')).toContain('lowercase');
    expect(slugError('acme--lab')).toContain('single hyphens');
    expect(slugError('-acme')).toContain('single hyphens');
    expect(slugError('a'.repeat(64))).toContain('At most 63');
    expect(slugError('acme-lab')).toBeUndefined();
  });
});
