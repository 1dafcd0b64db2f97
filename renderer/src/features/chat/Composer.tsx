/**
 * The message box: a textarea named "Message" and a "Send" button. Enter sends, Shift+Enter makes a
 * new line (and Enter during IME composition is left alone). The parent owns the text.
 */
import { forwardRef, useId } from 'react';
import { useI18n, type MessageKey } from '../../i18n';

export interface ComposerProps {
  value: string;
  onChange: (v: string) => void;
  onSend: () => void;
  disabled: boolean;
  busy: boolean;
  slot: string | null;
  /** Focusing the box opens the on-screen keyboard (touch kiosks) unless the person hid it. */
  onFocus?: (() => void) | undefined;
  /** A tap or click on the box: opens the on-screen keyboard even after the person hid it. */
  onTap?: (() => void) | undefined;
  /** False when the on-screen keyboard types here: the system's own touch keyboard stays down (inputMode none). */
  systemKeyboard?: boolean;
}

/**
 * The words for a slot the catalogues know, by the default knowledge base's slot name. Any other slot
 * (a knowledge base's own id, in no particular language) gets the generic hint, never the raw id.
 */
const SLOT_WORDS: Readonly<Record<string, MessageKey | undefined>> = { order: 'chat.slotOrder' };

export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer({ value, onChange, onSend, disabled, busy, slot, onFocus, onTap, systemKeyboard = true }, ref) {
  const { t } = useI18n();
  const id = useId();
  const hintId = useId();
  const slotKey = slot ? SLOT_WORDS[slot] : undefined;
  const slotHint = slot ? (slotKey ? t('chat.placeholderSlot', { slot: t(slotKey) }) : t('chat.placeholderAnswer')) : null;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t('chat.message')}
      </label>
      {slotHint && (
        <p id={hintId} className="slot-hint">
          {slotHint}
        </p>
      )}
      <textarea
        ref={ref}
        id={id}
        className="composer-input"
        rows={1}
        value={value}
        disabled={disabled}
        aria-describedby={slotHint ? hintId : undefined}
        // The slot hint above says what to type; the placeholder does not repeat it.
        placeholder={slotHint ? '' : t('chat.placeholder')}
        autoComplete="off"
        spellCheck
        onChange={(e) => onChange(e.target.value)}
        onFocus={onFocus}
        onClick={onTap}
        inputMode={systemKeyboard ? undefined : 'none'}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSend();
          }
        }}
      />
      <button type="submit" className="btn btn-primary composer-send" disabled={disabled} aria-busy={busy}>
        {t('chat.send')}
      </button>
    </form>
  );
});
