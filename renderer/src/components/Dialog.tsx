/**
 * A modal dialog on the native <dialog> element: showModal() gives the focus trap, the inert
 * background and Escape for free. Mounted means open; unmounting closes it. Focus goes to the
 * element marked data-autofocus (else the browser's first focusable), and back where it was after.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Escape (or the caller's own buttons) ask to close; the caller decides by unmounting. */
  onClose: () => void;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

export function Dialog({ title, children, onClose, className, role, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]');
    preferred?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-modal="true"
      className={`dialog ${className ?? ''}`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
