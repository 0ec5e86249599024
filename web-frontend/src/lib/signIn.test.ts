import { beforeEach, describe, expect, it } from 'vitest';
import { invitedTo, rememberForSignIn, takeReturnPath } from './signIn.ts';

describe('returning after sign-in', () => {
  beforeEach(() => sessionStorage.clear());

  it('returns once to the page that sent someone to sign in, query included', () => {
    rememberForSignIn('/reports/0193a1b2-0000-7000-8000-000000000001');
    expect(takeReturnPath()).toBe('/reports/0193a1b2-0000-7000-8000-000000000001');
    expect(takeReturnPath()).toBeUndefined();

    rememberForSignIn("/projects/0193a1b2-0000-7000-8000-000000000002?q=state%20%3D%20'FAILED'");
    expect(takeReturnPath()).toBe("/projects/0193a1b2-0000-7000-8000-000000000002?q=state%20%3D%20'FAILED'");
  });

  it('follows nothing but a path of one of our screens on this site', () => {
    for (const path of [
      'https://evil.example/reports/x',
      '//evil.example/reports/x',
      '/api/v1/projects',
      '/shared/rls_x',
      '/reports/../../api',
      '/\\evil.example',
      '/join?org=acme&next=https://evil.example',
      '/join?org=../admin',
    ]) {
      rememberForSignIn(path);
      expect(takeReturnPath()).toBeUndefined();
    }
  });
});

describe('invitation links', () => {
  it('come back to the invitation after signing in or creating an account', () => {
    rememberForSignIn('/join?org=acme-research');
    expect(takeReturnPath()).toBe('/join?org=acme-research');
  });

  it('name the organisation only on the join page and only as a slug', () => {
    expect(invitedTo({ pathname: '/join', search: '?org=acme-research' })).toBe('acme-research');
    expect(invitedTo({ pathname: '/join', search: '?org=Acme%20Research' })).toBeUndefined();
    expect(invitedTo({ pathname: '/join', search: '' })).toBeUndefined();
    expect(invitedTo({ pathname: '/', search: '?org=acme' })).toBeUndefined();
  });
});
