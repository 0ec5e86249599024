import { useEffect } from 'react';

export type ToastMessage = { text: string; action?: { label: string; run: () => void } };

/**
 * A short message at the bottom of the screen, with one action (UI.md: destructive actions offer "Undo" rather than
 * asking first). It goes away by itself after a while, or when the action runs.
 */
export function Toast({ message, onClose, timeoutMs = 8000 }: { message: ToastMessage | undefined; onClose: () => void; timeoutMs?: number }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onClose, timeoutMs]);
  if (!message) return null;
  return (
    <div className="toast" role="status">
      <span>{message.text}</span>
      {message.action ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            message.action!.run();
            onClose();
          }}
        >
          {message.action.label}
        </button>
      ) : null}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
