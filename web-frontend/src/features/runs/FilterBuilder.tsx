import { useId, useMemo, useState } from 'react';
import { Button, Dialog, DialogTrigger, Popover } from 'react-aria-components';
import {
  ATTRIBUTES,
  fieldFor,
  fieldKind,
  inputFromLiterals,
  literalsFromInput,
  operatorsFor,
  parseQuery,
  takesValues,
  toQuery,
  type Builder,
  type Join,
  type Operator,
} from './filterBuilder.ts';
import type { Keys } from './runColumnsKeys.ts';

/** A row as the form edits it: the value is the text of its box (an IN list comma-separated). */
type Row = { field: string; op: Operator; value: string };
type GroupDraft = { join: Join; rows: Row[] };
type Draft = { join: Join; items: (Row | GroupDraft)[] };

const isGroup = (item: Row | GroupDraft): item is GroupDraft => 'rows' in item;
const emptyRow = (): Row => ({ field: '', op: '=', value: '' });

function draftOf(builder: Builder): Draft {
  const row = (c: { field: string; op: Operator; values: { text: string; quoted: boolean }[] }): Row => ({
    field: c.field,
    op: c.op,
    value: inputFromLiterals(c.values),
  });
  return {
    join: builder.join,
    items: builder.items.map((item) => (item.kind === 'group' ? { join: item.join, rows: item.conditions.map(row) } : row(item))),
  };
}

function builderOf(draft: Draft): Builder {
  const condition = (row: Row) => ({
    kind: 'condition' as const,
    field: row.field.trim(),
    op: row.op,
    values: literalsFromInput(row.value, fieldKind(row.field), takesValues(row.op) === 'list'),
  });
  return {
    join: draft.join,
    items: draft.items.map((item) =>
      isGroup(item) ? { kind: 'group' as const, join: item.join, conditions: item.rows.map(condition) } : condition(item),
    ),
  };
}

/**
 * "Builder": the filter as rows of field × operator × value, joined by AND or OR, with groups one level deep. It
 * reads the query in the box and writes a query back (the query stays the one source of truth, so the URL and saved
 * views keep working); a query it cannot show it says so about and leaves alone.
 */
export function FilterBuilder({ query, keys, onApply }: { query: string; keys: Keys; onApply: (query: string) => void }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>({ join: 'and', items: [] });
  const [unreadable, setUnreadable] = useState<string | undefined>(undefined);
  const fieldsId = useId();

  const fields = useMemo(
    () => [
      ...keys.params.map((k) => fieldFor('param', k)),
      ...keys.metrics.flatMap((k) => [fieldFor('metric', k), fieldFor('metric', k, 'min'), fieldFor('metric', k, 'max')]),
      ...keys.tags.map((k) => fieldFor('tag', k)),
      ...ATTRIBUTES,
    ],
    [keys],
  );

  const onOpenChange = (next: boolean) => {
    if (next) {
      const parsed = parseQuery(query);
      if (parsed.ok) {
        const d = draftOf(parsed.builder);
        setDraft(d.items.length > 0 ? d : { join: 'and', items: [emptyRow()] });
        setUnreadable(undefined);
      } else {
        setDraft({ join: 'and', items: [emptyRow()] });
        setUnreadable(parsed.reason);
      }
    }
    setOpen(next);
  };

  const text = toQuery(builderOf(draft));
  const setItem = (index: number, item: Row | GroupDraft | undefined) =>
    setDraft((d) => ({
      ...d,
      items: item === undefined ? d.items.filter((_, i) => i !== index) : d.items.map((old, i) => (i === index ? item : old)),
    }));

  return (
    <DialogTrigger isOpen={open} onOpenChange={onOpenChange}>
      <Button className="button">Builder</Button>
      <Popover placement="bottom start" className="menu-popover filter-builder-popover">
        <Dialog aria-label="Filter builder" className="filter-builder">
          <datalist id={fieldsId}>
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          {unreadable ? (
            <p className="builder-note" role="note">
              {unreadable} Applying here replaces the text.
            </p>
          ) : null}
          <div className="builder-join">
            Match
            <JoinSelect value={draft.join} onChange={(join) => setDraft((d) => ({ ...d, join }))} label="Join of the conditions" />
            of these:
          </div>
          <div className="builder-rows">
            {draft.items.map((item, index) =>
              isGroup(item) ? (
                <fieldset key={index} className="builder-group">
                  <legend>
                    Group: match
                    <JoinSelect value={item.join} onChange={(join) => setItem(index, { ...item, join })} label={`Join of group ${index + 1}`} />
                    of
                    <button type="button" className="link-button" onClick={() => setItem(index, undefined)}>
                      Remove group
                    </button>
                  </legend>
                  {item.rows.map((row, r) => (
                    <ConditionRow
                      key={r}
                      row={row}
                      fieldsId={fieldsId}
                      onChange={(next) =>
                        setItem(index, { ...item, rows: next === undefined ? item.rows.filter((_, i) => i !== r) : item.rows.map((old, i) => (i === r ? next : old)) })
                      }
                    />
                  ))}
                  <button type="button" className="button small" onClick={() => setItem(index, { ...item, rows: [...item.rows, emptyRow()] })}>
                    + Condition in group
                  </button>
                </fieldset>
              ) : (
                <ConditionRow key={index} row={item} fieldsId={fieldsId} onChange={(next) => setItem(index, next)} />
              ),
            )}
          </div>
          <div className="builder-add">
            <button type="button" className="button small" onClick={() => setDraft((d) => ({ ...d, items: [...d.items, emptyRow()] }))}>
              + Condition
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => setDraft((d) => ({ ...d, items: [...d.items, { join: d.join === 'and' ? 'or' : 'and', rows: [emptyRow(), emptyRow()] }] }))}
            >
              + Group
            </button>
          </div>
          <output className="builder-preview mono" aria-label="Query">
            {text || 'All runs'}
          </output>
          <div className="builder-footer">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                onApply(text);
                setOpen(false);
              }}
            >
              Apply
            </button>
          </div>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

function JoinSelect({ value, onChange, label }: { value: Join; onChange: (join: Join) => void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value as Join)}>
      <option value="and">all (AND)</option>
      <option value="or">any (OR)</option>
    </select>
  );
}

function ConditionRow({ row, fieldsId, onChange }: { row: Row; fieldsId: string; onChange: (row: Row | undefined) => void }) {
  const operators = operatorsFor(fieldKind(row.field));
  const arity = takesValues(row.op);
  return (
    <div className="builder-row">
      <input
        className="mono"
        aria-label="Field"
        placeholder="params.lr, metrics.val/loss, state…"
        list={fieldsId}
        value={row.field}
        onChange={(event) => {
          const field = event.target.value;
          const allowed = operatorsFor(fieldKind(field));
          onChange({ ...row, field, op: allowed.includes(row.op) ? row.op : allowed[0]! });
        }}
      />
      <select aria-label="Operator" value={row.op} onChange={(event) => onChange({ ...row, op: event.target.value as Operator })}>
        {operators.map((op) => (
          <option key={op} value={op}>
            {op}
          </option>
        ))}
      </select>
      {arity === 0 ? (
        <span className="builder-novalue" />
      ) : (
        <input
          className="mono"
          aria-label="Value"
          placeholder={arity === 'list' ? 'a, b, c' : 'value'}
          value={row.value}
          onChange={(event) => onChange({ ...row, value: event.target.value })}
        />
      )}
      <button type="button" className="icon-button" aria-label="Remove condition" onClick={() => onChange(undefined)}>
        ×
      </button>
    </div>
  );
}
