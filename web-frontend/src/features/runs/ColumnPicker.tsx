import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import { FIXED_COLUMNS, metricColumn, paramColumn, parseColumn, columnLabel, type Aggregate } from './columns.ts';
import type { Keys } from './runColumnsKeys.ts';

/** Pick the table's columns: the fixed ones, any param (config flattened), any metric's last, min or max. */
export function ColumnPicker({ keys, columns, onChange }: { keys: Keys; columns: string[]; onChange: (columns: string[]) => void }) {
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
