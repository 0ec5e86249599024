import { describe, expect, it } from 'vitest';
import { route } from './routes.ts';

describe('route', () => {
  it('picks the screen from the path', () => {
    expect(route('/')).toEqual({ screen: 'home' });
    expect(route('/shared/rls_abc-DEF_123')).toEqual({ screen: 'sharedReport', token: 'rls_abc-DEF_123' });
    expect(route('/shared/rls_abc/')).toEqual({ screen: 'sharedReport', token: 'rls_abc' });
    expect(route('/reports/0193a1b2-0000-7000-8000-000000000001')).toEqual({
      screen: 'report',
      reportId: '0193a1b2-0000-7000-8000-000000000001',
    });
  });

  it('shows nothing for other paths, deeper paths or a broken escape', () => {
    expect(route('/reports')).toEqual({ screen: 'notFound' });
    expect(route('/shared/abc/data')).toEqual({ screen: 'notFound' });
    expect(route('/api/v1/reports/x')).toEqual({ screen: 'notFound' });
    expect(route('/shared/%E0%A4%A')).toEqual({ screen: 'notFound' });
  });
});
