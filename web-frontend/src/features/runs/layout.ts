import type { Column } from './columns.ts';

/**
 * The table's column layout: widths (the URL's `w`, by column id), pins (`pin`: column ids kept on the left while
 * the table scrolls sideways) and the order. Select and name are always pinned, name first; the pinned columns come
 * next in the order the URL lists them. The grid template and the pinned columns' left offsets are CSS variables on
 * the table, so a resize drag rewrites two variables and no row re-renders.
 */
export const SELECT_WIDTH = 36;
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 800;

const WIDTHS: Record<string, number> = { name: 260, state: 150, user: 150, created: 110, duration: 90, tags: 220, group: 150 };

export function defaultWidth(column: Column): number {
  if (column.kind === 'fixed') return WIDTHS[column.id] ?? 120;
  return column.kind === 'metric' ? 120 : 130;
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

export type TableLayout = {
  /** The columns in display order: pinned ones first. */
  columns: Column[];
  widths: number[];
  /** How many of `columns` are pinned. */
  pinned: number;
};

export function tableLayout(columns: Column[], pins: readonly string[] = [], widths: Readonly<Record<string, number>> = {}): TableLayout {
  const pinnedIds = new Set(pins);
  const name = columns.filter((c) => c.id === 'name');
  const pinned = columns.filter((c) => c.id !== 'name' && pinnedIds.has(c.id));
  const rest = columns.filter((c) => c.id !== 'name' && !pinnedIds.has(c.id));
  const ordered = [...name, ...pinned, ...rest];
  return {
    columns: ordered,
    widths: ordered.map((c) => clampWidth(widths[c.id] ?? defaultWidth(c))),
    pinned: name.length + pinned.length,
  };
}

/** The CSS variables a layout sets on the table: the grid template, the full width, each pinned column's left. */
export function layoutStyle(widths: readonly number[], pinned: number): Record<string, string> {
  const style: Record<string, string> = {
    '--runs-cols': `${SELECT_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`,
    '--runs-width': `${SELECT_WIDTH + widths.reduce((a, b) => a + b, 0)}px`,
  };
  let left = SELECT_WIDTH;
  for (let i = 0; i < pinned; i++) {
    style[`--pin-${i}`] = `${left}px`;
    left += widths[i]!;
  }
  return style;
}

/** The column ids with `id` moved one place left (-1) or right (+1); unchanged at either end. */
export function moveColumn(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/** The column ids with `id` moved to where `target` stands (a header dropped on another). */
export function moveColumnTo(ids: readonly string[], id: string, target: string): string[] {
  const from = ids.indexOf(id);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...ids];
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/**
 * Where a header dragged from `from` lands when dropped on the header at `target` ({@link moveColumnTo}: where the
 * target stands), for the drop indicator: after it when coming from its left, before it when coming from its right.
 */
export function dropSide(from: number, target: number): 'before' | 'after' | undefined {
  if (from < 0 || from === target) return undefined;
  return from < target ? 'after' : 'before';
}

/** Pins or unpins a column; name is always pinned and not listed. */
export function togglePin(pins: readonly string[], id: string): string[] {
  if (id === 'name') return [...pins];
  return pins.includes(id) ? pins.filter((p) => p !== id) : [...pins, id];
}
