import { memo, useEffect, useRef, type MouseEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { StateBadge } from '../../components/StateBadge.tsx';
import { RelativeTime } from '../../components/Time.tsx';
import { runColor } from '../../lib/colors.ts';
import { usePeople } from '../../lib/people.ts';
import { useRowsPaintedMark } from '../../lib/perf.ts';
import { formatDuration, formatNumber, truncateMiddle } from '../../lib/format.ts';
import type { RunRow } from './api.ts';
import { columnField, columnLabel, type Column, type SortDirection } from './columns.ts';

const ROW_HEIGHT = 32;

const WIDTHS: Record<string, number> = { name: 260, state: 110, user: 150, created: 110, duration: 90, tags: 220, group: 150 };

export function columnWidth(column: Column): number {
  if (column.kind === 'fixed') return WIDTHS[column.id] ?? 120;
  return column.kind === 'metric' ? 120 : 130;
}

export type Selection = {
  selected: ReadonlySet<string>;
  /** Toggles one run; with `range`, every run between the last toggled one and this one takes its new state. */
  toggle: (index: number, range: boolean) => void;
  toggleAll: () => void;
};

/**
 * The virtualised runs table: only the rows in view (plus a few) are in the DOM, so 100,000 runs scroll like 100.
 * Scrolling near the end asks for the next cursor page. Select and name stay pinned on the left.
 */
export function RunsTable({
  rows,
  total,
  columns,
  sort,
  direction,
  onSort,
  selection,
  hasMore,
  loadMore,
  loading,
  refreshing,
}: {
  rows: RunRow[];
  total: number | undefined;
  columns: Column[];
  sort: string | undefined;
  direction: SortDirection | undefined;
  onSort: (columnId: string) => void;
  selection: Selection;
  hasMore: boolean;
  loadMore: () => void;
  loading: boolean;
  /** Rows of the previous filter or sort stay on screen until the new answer arrives. */
  refreshing: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = loading ? 12 : rows.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : 0;

  useEffect(() => {
    if (!loading && hasMore && lastIndex >= rows.length - 40) loadMore();
  }, [lastIndex, rows.length, hasMore, loading, loadMore]);

  useRowsPaintedMark(rows, !loading && !refreshing);

  const template = `36px ${columns.map((c) => `${columnWidth(c)}px`).join(' ')}`;
  const width = 36 + columns.reduce((sum, c) => sum + columnWidth(c), 0);
  const allSelected = rows.length > 0 && rows.every((r) => selection.selected.has(r.id!));
  const person = usePeople();

  return (
    <div
      className="runs-scroll"
      ref={scrollRef}
      role="table" aria-label="Runs"
      aria-rowcount={(total ?? rows.length) + 1}
      aria-busy={loading || refreshing}
      data-refreshing={refreshing || undefined}
    >
      <div role="rowgroup" className="runs-head" style={{ width }}>
        <div role="row" className="runs-row" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
          <div role="columnheader" className="cell pin select">
            <input
              type="checkbox"
              aria-label="Select all loaded runs"
              checked={allSelected}
              onChange={selection.toggleAll}
            />
          </div>
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={sort} direction={direction} onSort={onSort} />
          ))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {items.map((item) => {
          const run = rows[item.index];
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={`runs-row body${run && selection.selected.has(run.id!) ? ' selected' : ''}`}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, width }}
            >
              {run ? (
                <RunCells run={run} index={item.index} columns={columns} selection={selection} person={person} />
              ) : (
                <div role="cell" className="cell loading-row" style={{ gridColumn: '1 / -1' }}>
                  <span className="skeleton" style={{ display: 'block', width: '60%', height: 12 }} />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function HeaderCell({
  column,
  sort,
  direction,
  onSort,
}: {
  column: Column;
  sort: string | undefined;
  direction: SortDirection | undefined;
  onSort: (columnId: string) => void;
}) {
  const label = columnLabel(column);
  const sortable = columnField(column) !== undefined;
  const active = sort === column.id;
  const numeric = column.kind === 'metric';
  return (
    <div
      role="columnheader"
      className={`cell${column.kind === 'fixed' && column.id === 'name' ? ' pin name' : ''}${numeric ? ' num' : ''}`}
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
      title={label}
    >
      {sortable ? (
        <button type="button" className="sort" onClick={() => onSort(column.id)}>
          <span className={column.kind === 'fixed' ? undefined : 'mono'}>{truncateMiddle(label, 28)}</span>
          <span aria-hidden="true" className="sort-mark">
            {active ? (direction === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      ) : (
        label
      )}
    </div>
  );
}

const RunCells = memo(function RunCells({
  run,
  index,
  columns,
  selection,
  person,
}: {
  run: RunRow;
  index: number;
  columns: Column[];
  selection: Selection;
  person: (actor: string | undefined) => string;
}) {
  return (
    <>
      <div role="cell" className="cell pin select">
        <input
          type="checkbox"
          aria-label={`Select ${run.name}`}
          checked={selection.selected.has(run.id!)}
          onChange={() => undefined}
          onClick={(event: MouseEvent<HTMLInputElement>) => selection.toggle(index, event.shiftKey)}
        />
      </div>
      {columns.map((column) => (
        <Cell key={column.id} run={run} column={column} person={person} />
      ))}
    </>
  );
});

function Cell({ run, column, person }: { run: RunRow; column: Column; person: (actor: string | undefined) => string }) {
  switch (column.kind) {
    case 'fixed':
      switch (column.id) {
        case 'name':
          return (
            <div role="cell" className="cell pin name" title={run.name}>
              <span className="swatch" style={{ background: runColor(run.id!) }} aria-hidden="true" />
              <Link to="/runs/$runId" params={{ runId: run.id! }} className="run-link">
                {truncateMiddle(run.name ?? run.id!, 34)}
              </Link>
            </div>
          );
        case 'state':
          return (
            <div role="cell" className="cell">
              <StateBadge state={run.state ?? 'RUNNING'} />
            </div>
          );
        case 'user':
          return (
            <div role="cell" className="cell ellipsis" title={run.createdBy}>
              {person(run.createdBy)}
            </div>
          );
        case 'created':
          return (
            <div role="cell" className="cell">
              <RelativeTime iso={run.startTime} />
            </div>
          );
        case 'duration':
          return (
            <div role="cell" className="cell num">
              {formatDuration(durationMs(run))}
            </div>
          );
        case 'tags':
          return (
            <div role="cell" className="cell ellipsis">
              {Object.entries(run.tags ?? {}).map(([key, value]) => (
                <span key={key} className="chip" title={`${key}: ${value}`}>
                  {key}:{value}
                </span>
              ))}
            </div>
          );
        case 'group':
          return (
            <div role="cell" className="cell ellipsis" title={run.group}>
              {run.group}
            </div>
          );
      }
      break;
    case 'param': {
      const value = run.params?.[column.key];
      const numeric = value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));
      return (
        <div role="cell" className={`cell ellipsis${numeric ? ' num' : ''}`} title={value}>
          {numeric ? formatNumber(Number(value)) : value}
        </div>
      );
    }
    case 'metric': {
      const cell = run.metrics?.[column.key];
      const value = cell?.[column.aggregate];
      return (
        <div role="cell" className="cell num" title={value === undefined ? undefined : String(value)}>
          {formatNumber(value)}
        </div>
      );
    }
  }
  return null;
}

export function durationMs(run: RunRow, now: number = Date.now()): number | undefined {
  if (!run.startTime) return undefined;
  const end = run.endTime ? Date.parse(run.endTime) : run.state === 'RUNNING' ? now : undefined;
  return end === undefined ? undefined : end - Date.parse(run.startTime);
}
