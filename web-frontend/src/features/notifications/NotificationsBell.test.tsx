import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Session } from '../../lib/session.ts';
import { NotificationsBell } from './NotificationsBell.tsx';

/** The typed client keeps the `fetch` it found when it was created (at import), so the stub is in place before that. */
const network = vi.hoisted(() => {
  const holder = { asked: [] as string[], read: new Set<string>() };
  globalThis.fetch = (async (request: Request) => {
    const path = new URL(request.url).pathname;
    holder.asked.push(`${request.method} ${path}`);
    if (request.method === 'POST') {
      holder.read.add(path.split('/')[4]!);
      return new Response(null, { status: 204 });
    }
    const items = [
      { id: 'n1', kind: 'budget.threshold', title: "Budget 'points' reached 80 %", body: 'In 2026-12 …', createdAt: '2026-12-03T10:00:00Z' },
      { id: 'n2', kind: 'budget.threshold', title: "Budget 'points' reached 50 %", createdAt: '2026-12-02T10:00:00Z' },
      { id: 'n3', kind: 'budget.threshold', title: 'Old one', createdAt: '2026-11-02T10:00:00Z', readAt: '2026-11-03T10:00:00Z' },
    ].map((n) => (holder.read.has(n.id) ? { ...n, readAt: '2026-12-03T11:00:00Z' } : n));
    return new Response(JSON.stringify({ items }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return holder;
});

function renderFor(session: Session | undefined) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <NotificationsBell session={session} />
    </QueryClientProvider>,
  );
}

const as = (role: string): Session => ({ kind: 'signedIn', organisation: { slug: 'acme', caller: { kind: 'USER', id: 'u1', role } } });

describe('the notifications bell', () => {
  it('is not there, and asks nothing, when signed out or for members and viewers', () => {
    network.asked.length = 0;
    for (const session of [undefined, { kind: 'signedOut' } as Session, as('MEMBER'), as('VIEWER')]) {
      const { container, unmount } = renderFor(session);
      expect(container.innerHTML).toBe('');
      unmount();
    }
    expect(network.asked).toEqual([]);
  });

  it('counts the unread ones for an admin, lists them with a link, and marks one read', async () => {
    network.asked.length = 0;
    renderFor(as('ADMIN'));

    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(bell.textContent).toBe('2');
    fireEvent.click(bell);
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getAllByRole('link', { name: 'Open budgets' })[0]!.getAttribute('href')).toBe('/budgets');

    fireEvent.click(within(list).getByRole('button', { name: "Mark “Budget 'points' reached 80 %” as read" }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeTruthy());
    expect(network.asked).toContain('POST /api/v1/notifications/n1/read');
  });
});
