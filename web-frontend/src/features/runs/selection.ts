/**
 * The runs table's selection, as the URL holds it: either listed ids (`sel`), or every run the filter finds (`all`)
 * except the ids unticked since (`allx`), W&B's and Gmail's "all matching except these". Pure functions, so the
 * workspace and the bulk actions agree on who is selected and the rules are tested without a browser.
 */
export type SelectionState = { sel?: string[] | undefined; all?: true | undefined; allx?: string[] | undefined };

/** At most this many runs can be left out of "all matching" (the bulk endpoint's `exceptIds` limit). */
export const MAX_EXCEPT = 10_000;

export function isSelected(state: SelectionState, id: string): boolean {
  return state.all ? !(state.allx ?? []).includes(id) : (state.sel ?? []).includes(id);
}

/** How many runs are selected: for "all matching", the filter's total less the runs left out. */
export function selectedCount(state: SelectionState, total: number | undefined): number {
  if (!state.all) return state.sel?.length ?? 0;
  return Math.max(0, (total ?? 0) - (state.allx?.length ?? 0));
}

/**
 * Ticks or unticks the run at `index` of the loaded `rows` (with `anchor`, every run between the two takes the new
 * state, as shift-click does). In "all matching", unticking adds to the runs left out and ticking takes them back,
 * so the selection never falls back to the loaded rows; leaving out every run clears it.
 */
export function toggleRows(
  state: SelectionState,
  rows: readonly { id?: string | undefined }[],
  index: number,
  anchor: number | undefined,
  total: number | undefined,
): SelectionState {
  const id = rows[index]?.id;
  if (id === undefined) return state;
  const on = !isSelected(state, id);
  const from = anchor !== undefined ? Math.min(anchor, index) : index;
  const to = anchor !== undefined ? Math.max(anchor, index) : index;
  const ids: string[] = [];
  for (let i = from; i <= to; i++) {
    const rowId = rows[i]?.id;
    if (rowId !== undefined) ids.push(rowId);
  }
  if (state.all) {
    const left = new Set(state.allx ?? []);
    for (const rowId of ids) {
      if (on) left.delete(rowId);
      else left.add(rowId);
    }
    if (total !== undefined && left.size >= total) return {};
    if (left.size > MAX_EXCEPT) return state;
    return { all: true, allx: left.size > 0 ? [...left] : undefined };
  }
  const next = new Set(state.sel ?? []);
  for (const rowId of ids) {
    if (on) next.add(rowId);
    else next.delete(rowId);
  }
  return { sel: next.size > 0 ? [...next] : undefined };
}

/** The selected runs among the loaded rows, in the table's order (what Compare and the charts can draw). */
export function selectedRows<T extends { id?: string | undefined }>(state: SelectionState, rows: readonly T[]): T[] {
  if (state.all) {
    const left = new Set(state.allx ?? []);
    return rows.filter((r) => r.id !== undefined && !left.has(r.id));
  }
  const ids = new Set(state.sel ?? []);
  return rows.filter((r) => r.id !== undefined && ids.has(r.id));
}
