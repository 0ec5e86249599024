import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MembersPage } from './MembersPage.tsx';

/** The typed client keeps the `fetch` it found when it was created (at import), so the stub is in place before that. */
const network = vi.hoisted(() => {
  const holder: { answer: (input: Request) => Promise<Response> } = { answer: async () => new Response(null, { status: 599 }) };
  globalThis.fetch = ((input: Request) => holder.answer(input)) as typeof fetch;
  return holder;
});

const MEMBERS = [
  { userId: 'u-owner', email: 'olga@acme.test', displayName: 'Olga', role: 'OWNER', createdAt: '2026-11-01T10:00:00Z' },
  { userId: 'u-admin', email: 'adam@acme.test', displayName: 'Adam', role: 'ADMIN', createdAt: '2026-11-02T10:00:00Z' },
  { userId: 'u-viewer', email: 'vic@acme.test', displayName: 'Vic', role: 'VIEWER', createdAt: '2026-11-03T10:00:00Z' },
];

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Answers by method and path, and records what was asked. */
function stubApi(routes: Record<string, () => Response>) {
  const asked: string[] = [];
  network.answer = async (request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    asked.push(key);
    const answer = routes[key];
    return answer ? answer() : json({ title: 'Not Found', status: 404, detail: `no stub for ${key}` }, 404, 'application/problem+json');
  };
  return asked;
}

function renderAs(role: string, id: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(['session'], { kind: 'signedIn', organisation: { slug: 'acme', name: 'Acme', caller: { kind: 'USER', id, role } } });
  return render(
    <QueryClientProvider client={client}>
      <MembersPage />
    </QueryClientProvider>,
  );
}

describe('the members page', () => {
  it('shows a viewer the members with viewers marked free, and no way to change anything', async () => {
    const asked = stubApi({ 'GET /api/v1/members': () => json({ items: MEMBERS }) });
    renderAs('VIEWER', 'u-viewer');

    const table = await screen.findByRole('table', { name: 'Members' });
    expect(screen.getByText(/they are never billed/)).toBeTruthy();
    const vic = within(table).getByText('vic@acme.test').closest('tr')!;
    expect(within(vic).getByText('Free viewer')).toBeTruthy();
    expect(within(vic).getByText('(you)')).toBeTruthy();
    expect(within(table).queryAllByRole('combobox')).toHaveLength(0);
    expect(within(table).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('form', { name: 'Invite a person' })).toBeNull();
    expect(asked).not.toContain('GET /api/v1/invitations');
  });

  it('gives an admin a role picker for everyone but the owner, without the owner role on offer', async () => {
    stubApi({ 'GET /api/v1/members': () => json({ items: MEMBERS }), 'GET /api/v1/invitations': () => json({ items: [] }) });
    renderAs('ADMIN', 'u-admin');

    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getAllByRole('combobox')).toHaveLength(2);
    expect(within(table).getByText('only an owner changes an owner')).toBeTruthy();
    const picker = within(table).getByRole('combobox', { name: 'Role of vic@acme.test' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Viewer', 'Member', 'Admin']);
    expect(await screen.findByText(/No open invitations/)).toBeTruthy();
  });

  it('explains the last-owner refusal in plain words when an owner steps down', async () => {
    stubApi({
      'GET /api/v1/members': () => json({ items: MEMBERS }),
      'GET /api/v1/invitations': () => json({ items: [] }),
      'PATCH /api/v1/members/u-owner': () =>
        json(
          { title: 'Conflict', status: 409, detail: 'an organisation must keep at least one OWNER; make someone else OWNER first' },
          409,
          'application/problem+json',
        ),
    });
    renderAs('OWNER', 'u-owner');

    const picker = await screen.findByRole('combobox', { name: 'Role of olga@acme.test' });
    fireEvent.change(picker, { target: { value: 'ADMIN' } });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This is the last owner');
    expect(alert.textContent).toContain('make someone else an owner first');
    expect((picker as HTMLSelectElement).value).toBe('OWNER');
  });

  it('checks the invitee’s address before asking the server', async () => {
    const asked = stubApi({ 'GET /api/v1/members': () => json({ items: MEMBERS }), 'GET /api/v1/invitations': () => json({ items: [] }) });
    renderAs('ADMIN', 'u-admin');

    const form = await screen.findByRole('form', { name: 'Invite a person' });
    fireEvent.change(within(form).getByLabelText('Invite by email'), { target: { value: 'nobody' } });
    fireEvent.submit(form);

    expect(await within(form).findByText('This is not an email address.')).toBeTruthy();
    expect(asked).not.toContain('POST /api/v1/invitations');
  });
});
