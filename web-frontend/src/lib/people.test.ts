import { describe, expect, it } from 'vitest';
import { personName } from './people.ts';

describe('who created a run', () => {
  const members = new Map([['58b37025-e78c', { userId: '58b37025-e78c', email: 'alice@acme.test', displayName: 'Alice' }]]);

  it('names a member by display name, falls back to a short id, and says what a non-person is', () => {
    expect(personName('USER:58b37025-e78c', members)).toBe('Alice');
    expect(personName('USER:d19ec522-7e65-3846', members)).toBe('d19ec522');
    expect(personName('SERVICE_ACCOUNT:0a1b2c3d-4e5f', members)).toBe('service account 0a1b2c3d');
    expect(personName('SYSTEM:x', undefined)).toBe('system');
    expect(personName(undefined, members)).toBe('');
    expect(personName('grace@acme.test', members)).toBe('grace@acme.test');
  });
});
