import { memo, useEffect, useRef, type CSSProperties, type DragEvent, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
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
import { clampWidth, dropSide, layoutStyle, type TableLayout } from './layout.ts';

const ROW_HEIGHT = 32;
const COLUMN_DRAG = 'application/x-runledger-column';

export type Selection = {
  selected: ReadonlySet<string>;
  /** Every run the filter finds is selected, loaded or not… */
  allMatching: boolean;
  /** …except these (unticked since). */
  excluded: ReadonlySet<string>;
  /** Toggles one run; with `range`, every run between the last toggled one and this one takes its new state. */
  toggle: (index: number, range: boolean) => void;
  toggleAll: () => void;
};

export type ColumnActions = {
  /** A new width for a column (end of a drag, or a keyboard step). */
  resize: (columnId: string, width: number) => void;
  /** Moves a column to where another stands (a header dropped on another). */
  moveTo: (columnId: string, targetId: string) => void;
  /** Moves a column one place left or right (Alt+←/→ on its header). */
  move: (columnId: string, delta: -1 | 1) => void;
};

/**
 * The virtualised runs table: only the rows in view (plus a few) are in the DOM, so 100,000 runs scroll like 100.
 * Scrolling near the end asks for the next cursor page. Select, name and the pinned columns stay on the left. The
 * grid template is a CSS variable on the table: dragging a column's edge rewrites it without re-rendering a row, and
 * the new width lands in the URL when the drag ends.
 */
export function RunsTable({
  rows,
  total,
  layout,
  sort,
  direction,
  onSort,
  columnActions,
  selection,
  hasMore,
  loadMore,
  loading,
  refreshing,
}: {
  rows: RunRow[];
  total: number | undefined;
  layout: TableLayout;
  sort: string | undefined;
  direction: SortDirection | undefined;
  onSort: (columnId: string) => void;
  columnActions: ColumnActions;
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

  const { columns, widths, pinned } = layout;
  const allSelected = selection.allMatching
    ? selection.excluded.size === 0
    : rows.length > 0 && rows.every((r) => selection.selected.has(r.id!));
  // "All matching except some": neither all nor none.
  const someLeftOut = selection.allMatching && selection.excluded.size > 0;
  const person = usePeople();
  // The index of the header being dragged, so the one under the pointer can show where the drop would put it.
  const dragFrom = useRef<number | undefined>(undefined);

  /** While a column's edge is dragged: rewrite the variables on the table only (no React render). */
  const preview = (index: number, width: number) => {
    const next = [...widths];
    next[index] = clampWidth(width);
    const style = layoutStyle(next, pinned);
    for (const [name, value] of Object.entries(style)) scrollRef.current?.style.setProperty(name, value);
  };

  return (
    <div
      className="runs-scroll"
      ref={scrollRef}
      role="table" aria-label="Runs"
      aria-rowcount={(total ?? rows.length) + 1}
      aria-busy={loading || refreshing}
      data-refreshing={refreshing || undefined}
      style={layoutStyle(widths, pinned) as CSSProperties}
    >
      <div role="rowgroup" className="runs-head">
        <div role="row" className="runs-row" aria-rowindex={1}>
          <div role="columnheader" className="cell pin select">
            <input
              type="checkbox"
              aria-label="Select all loaded runs"
              checked={allSelected}
              ref={(box) => {
                if (box) box.indeterminate = someLeftOut;
              }}
              onChange={selection.toggleAll}
            />
          </div>
          {columns.map((column, index) => (
            <HeaderCell
              key={column.id}
              column={column}
              index={index}
              width={widths[index]!}
              pin={index < pinned ? { edge: index === pinned - 1 } : undefined}
              sort={sort}
              direction={direction}
              onSort={onSort}
              actions={columnActions}
              preview={preview}
              dragFrom={dragFrom}
            />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="runs-body-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const run = rows[item.index];
          const selected =
            run !== undefined && (selection.allMatching ? !selection.excluded.has(run.id!) : selection.selected.has(run.id!));
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              className={`runs-row body${selected ? ' selected' : ''}${run?.deleted ? ' deleted' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {run ? (
                <RunCells
                  run={run}
                  index={item.index}
                  columns={columns}
                  pinned={pinned}
                  checked={selected}
                  color={runColor(run.id!)}
                  toggle={selection.toggle}
                  person={person}
                />
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

type Pin = { edge: boolean } | undefined;

function pinClass(pin: Pin): string {
  return pin ? ` pin${pin.edge ? ' pin-edge' : ''}` : '';
}

function pinStyle(pin: Pin, index: number): CSSProperties | undefined {
  return pin ? { left: `var(--pin-${index})` } : undefined;
}

function HeaderCell({
  column,
  index,
  width,
  pin,
  sort,
  direction,
  onSort,
  actions,
  preview,
  dragFrom,
}: {
  column: Column;
  index: number;
  width: number;
  pin: Pin;
  sort: string | undefined;
  direction: SortDirection | undefined;
  onSort: (columnId: string) => void;
  actions: ColumnActions;
  preview: (index: number, width: number) => void;
  dragFrom: { current: number | undefined };
}) {
  const label = columnLabel(column);
  const sortable = columnField(column) !== undefined;
  const active = sort === column.id;
  const numeric = column.kind === 'metric';
  // Name always leads; every other header can be dragged onto another to move there.
  const movable = column.id !== 'name';

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    let latest = width;
    const move = (e: globalThis.PointerEvent) => {
      latest = clampWidth(width + e.clientX - startX);
      preview(index, latest);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      if (latest !== width) actions.resize(column.id, latest);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onResizeKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      actions.resize(column.id, clampWidth(width + (event.key === 'ArrowLeft' ? -step : step)));
    }
  };
  const onHeaderKey = (event: KeyboardEvent<HTMLElement>) => {
    if (movable && event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      actions.move(column.id, event.key === 'ArrowLeft' ? -1 : 1);
    }
  };
  const dragProps = movable
    ? {
        draggable: true,
        onDragStart: (event: DragEvent<HTMLDivElement>) => {
          event.dataTransfer.setData(COLUMN_DRAG, column.id);
          event.dataTransfer.effectAllowed = 'move';
          dragFrom.current = index;
        },
        onDragEnd: (event: DragEvent<HTMLDivElement>) => {
          dragFrom.current = undefined;
          // A drop outside every header leaves no indicator behind.
          event.currentTarget.parentElement?.querySelectorAll<HTMLElement>('[data-drop]').forEach((h) => delete h.dataset['drop']);
        },
        onDragOver: (event: DragEvent<HTMLDivElement>) => {
          if (event.dataTransfer.types.includes(COLUMN_DRAG)) {
            event.preventDefault();
            // A 2 px accent bar on the edge where the dragged column would land (a DOM attribute: no re-render).
            const side = dropSide(dragFrom.current ?? -1, index);
            if (side) event.currentTarget.dataset['drop'] = side;
          }
        },
        onDragLeave: (event: DragEvent<HTMLDivElement>) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) delete event.currentTarget.dataset['drop'];
        },
        onDrop: (event: DragEvent<HTMLDivElement>) => {
          delete event.currentTarget.dataset['drop'];
          const dragged = event.dataTransfer.getData(COLUMN_DRAG);
          if (dragged && dragged !== column.id) {
            event.preventDefault();
            actions.moveTo(dragged, column.id);
          }
        },
      }
    : {};

  return (
    <div
      role="columnheader"
      className={`cell head${pinClass(pin)}${numeric ? ' num' : ''}`}
      style={pinStyle(pin, index)}
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
      title={movable ? `${label} (drag to move; Alt+←/→ moves it with the keyboard)` : label}
      data-column={column.id}
      {...dragProps}
    >
      {sortable ? (
        <button type="button" className="sort" onClick={() => onSort(column.id)} onKeyDown={onHeaderKey}>
          <span className={column.kind === 'fixed' ? undefined : 'mono'}>{truncateMiddle(label, 28)}</span>
          <span aria-hidden="true" className="sort-mark">
            {active ? (direction === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      ) : (
        <span tabIndex={movable ? 0 : undefined} onKeyDown={onHeaderKey}>
          {label}
        </span>
      )}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Width of ${label}`}
        aria-valuenow={width}
        aria-valuemin={60}
        aria-valuemax={800}
        tabIndex={0}
        className="resize-handle"
        onPointerDown={onPointerDown}
        onKeyDown={onResizeKey}
        onClick={(event: MouseEvent) => event.stopPropagation()}
      />
    </div>
  );
}

const RunCells = memo(function RunCells({
  run,
  index,
  columns,
  pinned,
  checked,
  color,
  toggle,
  person,
}: {
  run: RunRow;
  index: number;
  columns: Column[];
  pinned: number;
  checked: boolean;
  /** The run's colour (a prop, so a row re-renders when the runs drawn together change its colour). */
  color: string;
  toggle: Selection['toggle'];
  person: (actor: string | undefined) => string;
}) {
  return (
    <>
      <div role="cell" className="cell pin select">
        <input
          type="checkbox"
          aria-label={`Select ${run.name}`}
          checked={checked}
          onChange={() => undefined}
          onClick={(event: MouseEvent<HTMLInputElement>) => toggle(index, event.shiftKey)}
        />
      </div>
      {columns.map((column, i) => {
        const pin: Pin = i < pinned ? { edge: i === pinned - 1 } : undefined;
        const { className, title, content } = cell(run, column, person, color);
        return (
          <div key={column.id} role="cell" className={`cell${className}${pinClass(pin)}`} style={pinStyle(pin, i)} title={title}>
            {content}
          </div>
        );
      })}
    </>
  );
});

type CellView = { className: string; title?: string | undefined; content: ReactNode };

function cell(run: RunRow, column: Column, person: (actor: string | undefined) => string, color: string): CellView {
  switch (column.kind) {
    case 'fixed':
      switch (column.id) {
        case 'name':
          return {
            className: ' name',
            title: run.name,
            content: (
              <>
                <span className="swatch" style={{ background: color }} aria-hidden="true" />
                <Link to="/runs/$runId" params={{ runId: run.id! }} className="run-link">
                  {truncateMiddle(run.name ?? run.id!, 34)}
                </Link>
              </>
            ),
          };
        case 'state':
          return {
            className: '',
            content: (
              run.deleted ? (
                <span className="chip deleted-chip" title={`Deleted (was ${run.state?.toLowerCase()}); select it and Restore`}>
                  Deleted
                </span>
              ) : (
                <StateBadge state={run.state ?? 'RUNNING'} active={run.active} lastActivity={run.lastActivityTime} />
              )
            ),
          };
        case 'user':
          return { className: ' ellipsis', title: run.createdBy, content: person(run.createdBy) };
        case 'created':
          return { className: '', content: <RelativeTime iso={run.startTime} /> };
        case 'duration':
          return { className: ' num', content: formatDuration(durationMs(run)) };
        case 'tags':
          return {
            className: ' ellipsis',
            content: Object.entries(run.tags ?? {}).map(([key, value]) => (
              <span key={key} className="chip" title={`${key}: ${value}`}>
                {key}:{value}
              </span>
            )),
          };
        case 'group':
          return { className: ' ellipsis', title: run.group, content: run.group };
      }
      break;
    case 'param': {
      const value = run.params?.[column.key];
      const numeric = value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));
      return { className: ` ellipsis${numeric ? ' num' : ''}`, title: value, content: numeric ? formatNumber(Number(value)) : value };
    }
    case 'metric': {
      const value = run.metrics?.[column.key]?.[column.aggregate];
      return { className: ' num', title: value === undefined ? undefined : String(value), content: formatNumber(value) };
    }
  }
  return { className: '', content: null };
}

export function durationMs(run: RunRow, now: number = Date.now()): number | undefined {
  if (!run.startTime) return undefined;
  const end = run.endTime ? Date.parse(run.endTime) : run.state === 'RUNNING' ? now : undefined;
  return end === undefined ? undefined : end - Date.parse(run.startTime);
}
