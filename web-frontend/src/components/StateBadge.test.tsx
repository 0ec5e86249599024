import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { StateBadge } from './StateBadge.tsx';

describe('the state badge', () => {
  it('reads "No recent activity" for a RUNNING run that went quiet, not Running', () => {
    render(<StateBadge state="RUNNING" active={false} lastActivity="2026-12-03T10:00:00Z" />);
    const badge = screen.getByText('No recent activity');
    expect(badge.className).toBe('state quiet');
    expect(badge.getAttribute('title')).toMatch(/^Running, but nothing logged and no heartbeat since /);
    expect(screen.queryByText('Running')).toBeNull();
  });

  it('shows a live run as Running, and the other states by name whatever active says', () => {
    render(
      <>
        <StateBadge state="RUNNING" active={true} />
        <StateBadge state="FINISHED" active={false} />
        <StateBadge state="CRASHED" />
      </>,
    );
    expect(screen.getByText('Running').className).toBe('state running');
    expect(screen.getByText('Finished').className).toBe('state finished');
    expect(screen.getByText('Crashed').getAttribute('title')).toBe('Stopped sending heartbeats');
  });
});
