import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describeProblem } from '../../components/Problem.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { completions, filterErrorPosition, type Completion } from './filterError.ts';
import type { Keys } from './runColumnsKeys.ts';

/**
 * The filter: a query in the search language, applied on Enter. Keys autocomplete as you type (↑/↓ and Tab or
 * Enter to take one); a filter the server rejects shows the server's own message with a caret at its position.
 */
export function FilterBox({
  value,
  onApply,
  keys,
  error,
  children,
}: {
  value: string;
  onApply: (filter: string) => void;
  keys: Keys;
  error: unknown;
  /** Beside the box (the builder's button). */
  children?: ReactNode;
}) {
  const [text, setText] = useState(value);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const errorId = useId();

  // Back/forward or a pasted link changes the applied filter: show it.
  useEffect(() => setText(value), [value]);

  const options: Completion[] = open ? completions(text, caret, keys, 10) : [];
  const badFilter = isApiError(error) && error.status === 400 ? error : undefined;
  const position = filterErrorPosition(badFilter?.detail);

  function take(option: Completion) {
    const next = text.slice(0, option.from) + option.insert + text.slice(option.to);
    setText(next);
    setOpen(false);
    const at = option.from + option.insert.length;
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (options.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
      return;
    }
    if (options.length > 0 && (event.key === 'Tab' || event.key === 'Enter') && !event.shiftKey) {
      event.preventDefault();
      take(options[Math.min(active, options.length - 1)]!);
      return;
    }
    if (event.key === 'Escape') {
      setOpen(false);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      setOpen(false);
      onApply(text.trim());
    }
  }

  return (
    <div className="filter-box">
      <div className="filter-input-row">
        <input
          ref={input}
          className={`filter-input mono${badFilter ? ' invalid' : ''}`}
          type="search"
          role="combobox"
          aria-label="Filter runs"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={options.length > 0 ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          aria-invalid={badFilter ? true : undefined}
          aria-describedby={badFilter ? errorId : undefined}
          placeholder="Filter: metrics.val/loss < 0.5 and params.optimizer.name = 'adamw'   (Enter applies)"
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart ?? event.target.value.length);
            setOpen(true);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onClick={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
        />
        {value ? (
          <button type="button" className="button" onClick={() => onApply('')}>
            Clear
          </button>
        ) : null}
        {children}
      </div>
      {options.length > 0 ? (
        <ul id={listId} role="listbox" className="completions" aria-label="Suggestions">
          {options.map((option, i) => (
            <li
              key={option.label}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="mono"
              onMouseDown={(event) => {
                event.preventDefault();
                take(option);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      ) : null}
      {badFilter ? (
        <div id={errorId} role="alert" className="filter-error">
          {position !== undefined && badFilter.detail ? (
            <pre className="mono caret" aria-hidden="true">
              {value}
              {'\n'}
              {' '.repeat(Math.max(0, position - 1))}^
            </pre>
          ) : null}
          <span>{describeProblem(badFilter).detail}</span>
        </div>
      ) : null}
    </div>
  );
}
