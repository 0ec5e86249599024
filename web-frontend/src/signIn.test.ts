import { beforeEach, describe, expect, it } from 'vitest';
import { rememberForSignIn, takeReturnPath } from './signIn.ts';

describe('returning after sign-in', () => {
  beforeEach(() => sessionStorage.clear());

  it('returns once to the report page that sent someone to sign in', () => {
    rememberForSignIn('/reports/0193a1b2-0000-7000-8000-000000000001');

    expect(takeReturnPath()).toBe('/reports/0193a1b2-0000-7000-8000-000000000001');
    expect(takeReturnPath()).toBeUndefined();
  });

  it('follows nothing but a report path of this site', () => {
    for (const path of ['https://evil.example/reports/x', '//evil.example/reports/x', '/api/v1/projects', '/shared/rls_x']) {
      rememberForSignIn(path);
      expect(takeReturnPath()).toBeUndefined();
    }
  });
});
