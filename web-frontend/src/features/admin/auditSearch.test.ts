import { describe, expect, it } from 'vitest';
import { actionError, auditQuery, describeTarget, exportUrl, validateAuditSearch } from './auditSearch.ts';

describe('the audit log filters in the URL', () => {
  it('keep an actor, an action and whole days, and drop what is not a day', () => {
    expect(validateAuditSearch({ actor: 'u1', action: 'member.*', from: '2026-11-01', to: 'yesterday', extra: 1 })).toEqual({
      actor: 'u1',
      action: 'member.*',
      from: '2026-11-01',
    });
  });

  it('ask the API for [from, the day after to) so the last day is included', () => {
    expect(auditQuery({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
  });

  it('build an export link with the same filters and the format', () => {
    expect(exportUrl({ action: 'api_key.*' }, 'csv')).toBe('/api/v1/audit-log/export?action=api_key.*&format=csv');
  });

  it('explain an action that the server would refuse', () => {
    expect(actionError('member.*')).toBeUndefined();
    expect(actionError('Member changed')).toMatch(/such as member/);
  });

  it('name a target by what is known of it, else by kind and a short id', () => {
    const names = (id: string) => (id === 'u1' ? 'Ada' : undefined);
    expect(describeTarget('user', 'u1', names)).toBe('user Ada');
    expect(describeTarget('api_key', '3f2a1b4c-0000-0000-0000-000000000000', names)).toBe('api key 3f2a1b4c');
    expect(describeTarget('invitation', 'x@y.test', names)).toBe('invitation x@y.test');
  });
});
