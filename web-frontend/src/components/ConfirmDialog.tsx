import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { describeProblem } from './Problem.tsx';
import { isApiError } from '../lib/api/client.ts';
import './ConfirmDialog.css';

/** A server refusal in plain words: its problem detail, else what the status means. */
function refusal(error: unknown): string {
  const { title, detail } = describeProblem(error);
  return isApiError(error) && error.detail ? error.detail : `${title}: ${detail}`;
}

/**
 * Asks before a destructive action that cannot be undone (removing a member revokes their keys at once; a revoked key
 * stays revoked). The dialog shows the server's refusal in place if the action fails.
 */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose, pending, error, explain = refusal }: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  explain?: (error: unknown) => string;
}) {
  return (
    <ModalOverlay isOpen isDismissable onOpenChange={(open) => (open ? null : onClose())} className="palette-overlay">
      <Modal className="confirm-modal">
        <Dialog role="alertdialog" className="confirm-dialog">
          <Heading slot="title">{title}</Heading>
          <div className="confirm-body">{body}</div>
          {error ? <p className="field-error" role="alert">{explain(error)}</p> : null}
          <div className="confirm-actions">
            <button type="button" className="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            <button type="button" className="button danger solid" disabled={pending} onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

