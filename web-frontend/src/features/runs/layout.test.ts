import { describe, expect, it } from 'vitest';
import { parseColumn, type Column } from './columns.ts';
import { clampWidth, dropSide, layoutStyle, moveColumn, moveColumnTo, tableLayout, togglePin } from './layout.ts';

const cols = (...ids: string[]) => ids.map((id) => parseColumn(id)!) as Column[];

describe('the column layout', () => {
  it('puts name first, then the pinned columns in their order, then the rest', () => {
    const layout = tableLayout(cols('state', 'p:lr', 'name', 'm:last:loss', 'group'), ['group', 'p:lr'], { 'p:lr': 200 });
    expect(layout.columns.map((c) => c.id)).toEqual(['name', 'p:lr', 'group', 'state', 'm:last:loss']);
    expect(layout.pinned).toBe(3);
    expect(layout.widths).toEqual([260, 200, 150, 150, 120]);
  });

  it('sets the grid template, the width and the pinned columns\' left offsets as CSS variables', () => {
    const style = layoutStyle([260, 200, 150, 130], 2);
    expect(style['--runs-cols']).toBe('36px 260px 200px 150px 130px');
    expect(style['--runs-width']).toBe('776px');
    expect(style['--pin-0']).toBe('36px');
    expect(style['--pin-1']).toBe('296px');
    expect(style['--pin-2']).toBeUndefined();
  });

  it('keeps widths within bounds, whatever the URL says', () => {
    expect(clampWidth(3)).toBe(60);
    expect(clampWidth(5000)).toBe(800);
    expect(tableLayout(cols('name'), [], { name: 10 }).widths).toEqual([60]);
  });

  it('moves columns by a step or onto another, and pins and unpins them (name stays pinned)', () => {
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
    expect(moveColumnTo(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
    expect(moveColumnTo(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
    expect(togglePin([], 'p:lr')).toEqual(['p:lr']);
    expect(togglePin(['p:lr'], 'p:lr')).toEqual([]);
    expect(togglePin([], 'name')).toEqual([]);
  });

  it('shows the drop indicator on the side of the target where the dropped column actually lands', () => {
    const ids = ['a', 'b', 'c', 'd'];
    for (let from = 0; from < ids.length; from++) {
      for (let target = 0; target < ids.length; target++) {
        const side = dropSide(from, target);
        if (from === target) {
          expect(side).toBeUndefined();
          continue;
        }
        const moved = moveColumnTo(ids, ids[from]!, ids[target]!);
        const landed = moved.indexOf(ids[from]!);
        const targetNow = moved.indexOf(ids[target]!);
        expect(landed, `${ids[from]} onto ${ids[target]}`).toBe(side === 'before' ? targetNow - 1 : targetNow + 1);
      }
    }
    expect(dropSide(-1, 2)).toBeUndefined();
  });
});
