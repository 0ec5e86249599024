import { describe, expect, it } from 'vitest';
import { showsView, viewBody, viewSearch, type SavedView } from './savedViews.ts';

const saved: SavedView = {
  id: 'v1',
  name: 'low loss',
  query: 'params.lr > 0.01',
  columns: ['name', 'm:last:val/loss'],
  sort: { column: 'm:last:val/loss', direction: 'asc' },
  charts: { xAxis: 'relative', smoothing: 0.6, logScale: true, hidden: false },
  mayChange: true,
};

describe('saved views', () => {
  it('keep the filter, columns, sort and chart settings of the URL but not the selection', () => {
    const body = viewBody('low loss', {
      q: 'params.lr > 0.01',
      cols: ['name'],
      sort: 'created',
      dir: 'asc',
      gb: 'p:optimizer',
      sel: ['run-1'],
      view: 'compare',
      cx: 'timestamp',
      sm: 0.3,
      log: true,
      charts: 'hide',
    });
    expect(body).toEqual({
      name: 'low loss',
      query: 'params.lr > 0.01',
      columns: ['name'],
      sort: { column: 'created', direction: 'asc' },
      groupBy: 'p:optimizer',
      charts: { xAxis: 'timestamp', smoothing: 0.3, logScale: true, hidden: true },
    });
  });

  it('open as URL state naming the view, and a view saved from that state shows the same', () => {
    const search = viewSearch(saved);
    expect(search).toEqual({
      sv: 'v1',
      q: 'params.lr > 0.01',
      cols: ['name', 'm:last:val/loss'],
      sort: 'm:last:val/loss',
      dir: 'asc',
      cx: 'relative',
      sm: 0.6,
      log: true,
    });
    expect(viewBody('again', search)).toMatchObject({ query: saved.query, columns: saved.columns, sort: saved.sort });
  });

  it('notice when the URL moved away from the opened view', () => {
    const search = viewSearch(saved);
    expect(showsView(saved, search)).toBe(true);
    expect(showsView(saved, { ...search, sel: ['a-run'] })).toBe(true);
    expect(showsView(saved, { ...search, q: 'params.lr > 0.1' })).toBe(false);
    const { log: _log, ...linear } = search;
    expect(showsView(saved, linear)).toBe(false);
  });

  it('keep column widths and pins, and notice when a column was resized or pinned', () => {
    const body = viewBody('wide', { cols: ['name', 'p:lr'], w: { 'p:lr': 240 }, pin: ['p:lr'] });
    expect(body).toMatchObject({ columns: ['name', 'p:lr'], widths: { 'p:lr': 240 }, pinned: ['p:lr'] });
    const view: SavedView = { id: 'v3', name: 'wide', query: '', columns: ['name', 'p:lr'], widths: { 'p:lr': 240 }, pinned: ['p:lr'], charts: {} };
    const search = viewSearch(view);
    expect(search).toMatchObject({ w: { 'p:lr': 240 }, pin: ['p:lr'] });
    expect(showsView(view, search)).toBe(true);
    expect(showsView(view, { ...search, w: { 'p:lr': 300 } })).toBe(false);
    const { pin: _pin, ...unpinned } = search;
    expect(showsView(view, unpinned)).toBe(false);
  });

  it('open a view without columns with the default columns and the default sort', () => {
    expect(viewSearch({ id: 'v2', name: 'all', query: '', columns: [], charts: {} })).toEqual({ sv: 'v2' });
  });
});
