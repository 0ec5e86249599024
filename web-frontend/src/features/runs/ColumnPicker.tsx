import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { FIXED_COLUMNS, metricColumn, paramColumn, parseColumn, columnLabel, type Aggregate } from './columns.ts';
import type { Keys } from './runColumnsKeys.ts';
import { moveColumn } from './layout.ts';

/**
 * Pick the table's columns: the fixed ones, any param (config flattened), any metric's last, min or max. The shown
 * columns are listed first with the keyboard's way to reorder (move left/right) and to pin them to the left.
 */
export function ColumnPicker({
  keys,
  columns,
  pinned,
  onChange,
  onPin,
}: {
  keys: Keys;
  columns: string[];
  pinned: string[];
  onChange: (columns: string[]) => void;
  onPin: (id: string) => void;
}) {
  const [query, setQuery] = useState('');
  const chosen = new Set(columns);
  const q = query.trim().toLowerCase();
  const match = (text: string) => q === '' || text.toLowerCase().includes(q);

  function toggle(id: string) {
    onChange(chosen.has(id) ? columns.filter((c) => c !== id) : [...columns, id]);
  }

  const option = (id: string, label: string, mono = true) => (
    <label key={id} className="picker-option">
      <input type="checkbox" checked={chosen.has(id)} onChange={() => toggle(id)} />
      <span className={mono ? 'mono' : undefined}>{label}</span>
    </label>
  );

  return (
    <DialogTrigger>
      <Button className="button">Columns ({columns.length})</Button>
      <Popover placement="bottom end" className="menu-popover picker">
        <Dialog aria-label="Columns" className="picker-dialog">
          <input
            className="picker-search"
            type="search"
            aria-label="Search columns"
            placeholder="Search params and metrics"
            value={query}
            autoFocus
            onChange={(event) => setQuery(event.target.value)}
          />
          <div className="picker-list">
            {q === '' ? (
              <>
                <div className="picker-section">Shown, in order</div>
                <ul className="picker-order" aria-label="Shown columns">
                  {columns.map((id, index) => {
                    const column = parseColumn(id);
                    const label = column ? columnLabel(column) : id;
                    const isPinned = id === 'name' || pinned.includes(id);
                    return (
                      <li key={id}>
                        <span className={`picker-order-label${column?.kind === 'fixed' ? '' : ' mono'}`} title={label}>
                          {label}
                        </span>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move ${label} left`}
                          disabled={id === 'name' || index === 0 || columns[index - 1] === 'name'}
                          onClick={() => onChange(moveColumn(columns, id, -1))}
                        >
                          ←
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move ${label} right`}
                          disabled={id === 'name' || index === columns.length - 1}
                          onClick={() => onChange(moveColumn(columns, id, 1))}
                        >
                          →
                        </button>
                        <button
                          type="button"
                          className="icon-button pin-toggle"
                          aria-label={`Pin ${label}`}
                          aria-pressed={isPinned}
                          disabled={id === 'name'}
                          title={id === 'name' ? 'Name is always pinned' : isPinned ? 'Unpin' : 'Pin to the left'}
                          onClick={() => onPin(id)}
                        >
                          {isPinned ? 'Pinned' : 'Pin'}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
            <div className="picker-section">Run</div>
            {FIXED_COLUMNS.filter((c) => match(c)).map((id) => option(id, columnLabel(parseColumn(id)!), false))}
            <div className="picker-section">Params</div>
            {keys.params.filter(match).map((key) => option(paramColumn(key), key))}
            <div className="picker-section">Metrics</div>
            {keys.metrics.filter(match).flatMap((key) =>
              (['last', 'min', 'max'] as Aggregate[]).map((aggregate) =>
                option(metricColumn(key, aggregate), aggregate === 'last' ? key : `${aggregate}(${key})`),
              ),
            )}
          </div>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
