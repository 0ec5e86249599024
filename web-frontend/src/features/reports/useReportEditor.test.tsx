import { describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useReportEditor } from './useReportEditor.ts';
import type { ReportView } from './types.ts';

/** The typed client keeps the `fetch` it found when it was created (at import), so the stub is in place before that. */
const network = vi.hoisted(() => {
  const holder: { answer: (request: Request) => Promise<Response> } = { answer: async () => new Response(null, { status: 599 }) };
  globalThis.fetch = ((input: Request | string, init?: RequestInit) =>
    holder.answer(typeof input === 'string' ? new Request(new URL(input, 'http://localhost'), init) : input)) as typeof fetch;
  return holder;
});

const mine: ReportView = {
  id: 'r1',
  projectId: 'p1',
  version: 1,
  title: 'Sweep',
  description: '',
  blocks: [{ id: 'a', type: 'markdown', text: 'intro' }],
  createdBy: 'USER:u1',
  createdAt: '2026-12-01T10:00:00Z',
  updatedBy: 'USER:u1',
  updatedAt: '2026-12-01T10:00:00Z',
};
const theirs: ReportView = {
  ...mine,
  version: 2,
  updatedBy: 'USER:u2',
  blocks: [
    { id: 'a', type: 'markdown', text: 'intro' },
    { id: 't', type: 'markdown', text: 'their new block' },
  ],
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('the report editor state', () => {
  it('autosaves a change with the version it was made on', async () => {
    const puts: unknown[] = [];
    network.answer = async (request) => {
      if (request.method === 'PUT') {
        const body = await request.json();
        puts.push(body);
        return json({ ...mine, ...body, version: 2 });
      }
      return json({ title: 'Not Found', status: 404 }, 404);
    };
    const { result } = renderHook(() => useReportEditor(mine), { wrapper });

    act(() => result.current.edit((d) => ({ ...d, title: 'Sweep, week 49' })));
    expect(result.current.state.kind).toBe('dirty');

    await waitFor(() => expect(result.current.state.kind).toBe('saved'), { timeout: 3000 });
    expect(puts).toEqual([{ version: 1, title: 'Sweep, week 49', description: '', blocks: mine.blocks }]);
    expect(result.current.base.version).toBe(2);
  });

  it('does not send a draft its own checks refuse', async () => {
    const asked: string[] = [];
    network.answer = async (request) => {
      asked.push(request.method);
      return json(mine);
    };
    const { result } = renderHook(() => useReportEditor(mine), { wrapper });

    act(() => result.current.edit((d) => ({ ...d, title: '' })));

    await waitFor(() => expect(result.current.state.kind).toBe('invalid'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(asked).toEqual([]);
  });

  it('on 409 shows their version, lets me copy their block into mine, and saves the merge over theirs', async () => {
    const puts: { version: number; blocks: { id: string }[] }[] = [];
    network.answer = async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'PUT') {
        const body = await request.json();
        puts.push(body);
        if (body.version === 1) return json({ title: 'Conflict', status: 409, detail: 'report was saved by someone else meanwhile' }, 409);
        return json({ ...theirs, ...body, version: 3 });
      }
      if (request.method === 'GET' && path === '/api/v1/reports/r1') return json(theirs);
      return json({ title: 'Not Found', status: 404 }, 404);
    };
    const { result } = renderHook(() => useReportEditor(mine), { wrapper });

    act(() => result.current.edit((d) => ({ ...d, blocks: [...d.blocks, { id: 'm', type: 'markdown', text: 'my block' }] })));
    await waitFor(() => expect(result.current.state.kind).toBe('conflict'), { timeout: 3000 });
    const state = result.current.state;
    expect(state.kind === 'conflict' && state.theirs.version).toBe(2);

    act(() => result.current.copyBlock('t'));
    expect(result.current.draft.blocks.map((b) => b.id)).toEqual(['a', 't', 'm']);
    // Autosave waits while the conflict is open.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(puts).toHaveLength(1);

    act(() => result.current.keepMine());
    await waitFor(() => expect(result.current.state.kind).toBe('saved'), { timeout: 3000 });
    expect(puts).toHaveLength(2);
    expect(puts[1]!.version).toBe(2);
    expect(puts[1]!.blocks.map((b) => b.id)).toEqual(['a', 't', 'm']);
    expect(result.current.base.version).toBe(3);
  });

  it('on 409 can drop my changes and continue from theirs', async () => {
    network.answer = async (request) =>
      request.method === 'PUT' ? json({ title: 'Conflict', status: 409, detail: 'stale' }, 409) : json(theirs);
    const { result } = renderHook(() => useReportEditor(mine), { wrapper });

    act(() => result.current.edit((d) => ({ ...d, title: 'Mine' })));
    await waitFor(() => expect(result.current.state.kind).toBe('conflict'), { timeout: 3000 });
    act(() => result.current.takeTheirs());

    expect(result.current.state.kind).toBe('saved');
    expect(result.current.draft.title).toBe('Sweep');
    expect(result.current.draft.blocks.map((b) => b.id)).toEqual(['a', 't']);
    expect(result.current.base.version).toBe(2);
  });

  it('shows the server refusal at the block it names and does not resend the same draft', async () => {
    let puts = 0;
    network.answer = async (request) => {
      if (request.method !== 'PUT') return json(mine);
      puts++;
      return json({ title: 'Bad Request', status: 400, detail: 'blocks[0] (markdown): text is too long' }, 400);
    };
    const { result } = renderHook(() => useReportEditor(mine), { wrapper });

    act(() => result.current.edit((d) => ({ ...d, blocks: [{ id: 'a', type: 'markdown', text: 'longer' }] })));
    await waitFor(() => expect(result.current.state.kind).toBe('failed'), { timeout: 3000 });
    const state = result.current.state;
    expect(state.kind === 'failed' && state.problems.blocks).toEqual({ a: 'text is too long' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(puts).toBe(1);
  });
});
