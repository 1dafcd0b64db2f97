/**
 * The staff PIN gate in front of kiosk settings. First use sets a PIN (kiosk.setPin); afterwards
 * kiosk.unlock checks it. Wrong PINs say how many tries are left; a lockout shows a live countdown
 * and keeps the form disabled until it ends.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KioskStatus } from '../../../../shared/contract';
import { PinField } from '../../components/PinField';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { PIN_PATTERN as PIN_RE } from '../../../../shared/pin';
import { errorText } from '../../lib/error-text';

const MAX_TRIES = 5;

export interface PinDialogProps {
  mode: 'unlock' | 'set';
  status: KioskStatus | null;
  onUnlocked: () => void;
  onCancel: () => void;
}

export function PinDialog({ mode, status, onUnlocked, onCancel }: PinDialogProps) {
  const { t } = useI18n();
  const pinId = useId();
  const repeatId = useId();
  const errId = useId();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(status?.lockedOutUntil && status.lockedOutUntil > Date.now() ? status.lockedOutUntil : null);
  const [now, setNow] = useState(Date.now());
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!lockedUntil) return;
    const iv = window.setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= lockedUntil) {
        setLockedUntil(null);
        setError(null);
        window.setTimeout(() => inputRef.current?.focus(), 0);
      }
    }, 250);
    return () => window.clearInterval(iv);
  }, [lockedUntil]);

  const lockedSeconds = lockedUntil ? Math.max(1, Math.ceil((lockedUntil - now) / 1000)) : 0;

  const submit = async () => {
    if (busy || lockedUntil) return;
    if (!PIN_RE.test(pin)) return setError(t('pin.format'));
    if (mode === 'set' && pin !== repeat) return setError(t('pin.mismatch'));
    setBusy(true);
    setError(null);
    if (mode === 'set') {
      const set = await call('kiosk.setPin', { pin });
      if (!set.ok) {
        setBusy(false);
        return setError(t('common.error', { message: errorText(set.error, t) }));
      }
    }
    const r = await call('kiosk.unlock', { pin });
    setBusy(false);
    if (r.ok) return onUnlocked();
    setPin('');
    if (r.error.code === 'pin_locked_out') {
      const until = Date.now() + (r.error.retryAfterMs ?? 30_000);
      setNow(Date.now());
      setLockedUntil(until);
      setError(null);
      return;
    }
    if (r.error.code === 'wrong_pin') {
      const st = await call('kiosk.status', undefined);
      if (st.ok && st.value.lockedOutUntil && st.value.lockedOutUntil > Date.now()) {
        setNow(Date.now());
        setLockedUntil(st.value.lockedOutUntil);
        return;
      }
      const left = st.ok ? MAX_TRIES - (st.value.failures % MAX_TRIES) : null;
      setError(left !== null && left > 0 && left < MAX_TRIES ? t('pin.wrongLeft', { left }) : t('pin.wrong'));
    } else setError(t('common.error', { message: errorText(r.error, t) }));
    inputRef.current?.focus();
  };

  const message = lockedUntil ? t('pin.lockedOut', { seconds: lockedSeconds }) : error;
  return (
    <Dialog title={mode === 'set' ? t('pin.setTitle') : t('pin.title')} onClose={onCancel} testId="pin-dialog" className="dialog-pin">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{mode === 'set' ? t('pin.setIntro') : t('pin.intro')}</p>
        <PinField
          ref={inputRef}
          id={pinId}
          data-autofocus
          label={t('pin.label')}
          value={pin}
          onValue={setPin}
          disabled={!!lockedUntil}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errId : undefined}
        />
        {mode === 'set' && <PinField id={repeatId} label={t('pin.confirmLabel')} value={repeat} onValue={setRepeat} />}
        <p id={errId} role="alert" className={message ? 'error-text' : 'sr-only'} data-testid="pin-message">
          {message ?? ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !!lockedUntil}>
            {mode === 'set' ? t('pin.set') : t('pin.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
