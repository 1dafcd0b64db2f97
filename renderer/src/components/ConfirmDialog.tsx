/** A yes/no confirmation: Cancel has the focus by default so Enter never destroys anything by accident. */
import { useState, type ReactNode } from 'react';
import type { Result } from '../../../shared/result';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { errorText } from '../lib/error-text';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<Result<unknown>>;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={() => !busy && onCancel()} role="alertdialog" testId={testId}>
      <div className="dialog-body">{children}</div>
      {error && (
        <p role="alert" className="error-text">
          {t('common.error', { message: error })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" data-autofocus disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            const r = await onConfirm();
            // On success the caller unmounts us; on failure stay open and say why.
            if (!r.ok) {
              setError(errorText(r.error, t));
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
