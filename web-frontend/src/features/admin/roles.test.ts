import { describe, expect, it } from 'vitest';
import { atLeast, grantableRoles, isAdmin, isFreeViewer, keyRoles, mayChangeMember, serviceAccountRoles } from './roles.ts';

describe('organisation roles', () => {
  it('rank owner above admin above member above viewer', () => {
    expect(atLeast('OWNER', 'ADMIN')).toBe(true);
    expect(atLeast('ADMIN', 'ADMIN')).toBe(true);
    expect(atLeast('MEMBER', 'ADMIN')).toBe(false);
    expect(atLeast(undefined, 'VIEWER')).toBe(false);
  });

  it('give the settings actions to admins and owners only', () => {
    expect(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'].map(isAdmin)).toEqual([true, true, false, false]);
  });

  it('let only an owner grant the owner role', () => {
    expect(grantableRoles('OWNER')).toEqual(['VIEWER', 'MEMBER', 'ADMIN', 'OWNER']);
    expect(grantableRoles('ADMIN')).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(grantableRoles('MEMBER')).toEqual([]);
  });

  it('let an admin change anyone but an owner, and an owner change an owner', () => {
    expect(mayChangeMember('ADMIN', 'MEMBER')).toBe(true);
    expect(mayChangeMember('ADMIN', 'OWNER')).toBe(false);
    expect(mayChangeMember('OWNER', 'OWNER')).toBe(true);
    expect(mayChangeMember('VIEWER', 'VIEWER')).toBe(false);
  });

  it('never offer a key above the caller’s role or its holder’s', () => {
    expect(keyRoles('ADMIN')).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(keyRoles('OWNER', 'MEMBER')).toEqual(['VIEWER', 'MEMBER']);
    expect(keyRoles('MEMBER', 'ADMIN')).toEqual(['VIEWER', 'MEMBER']);
  });

  it('cap service accounts at admin even for an owner', () => {
    expect(serviceAccountRoles('OWNER')).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(serviceAccountRoles('ADMIN')).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
  });

  it('call only viewers free', () => {
    expect(isFreeViewer('VIEWER')).toBe(true);
    expect(isFreeViewer('MEMBER')).toBe(false);
  });
});
