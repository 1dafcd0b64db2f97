/**
 * Kiosk idle timer. After `timeoutSeconds` without a touch, key or pointer it asks "Still there?"
 * with a countdown; when the countdown runs out it calls onExpire (the shell ends the conversation
 * and remounts a fresh welcome screen).
 */
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

export function IdleGuard({ timeoutSeconds, countdownSeconds, onExpire }: { timeoutSeconds: number; countdownSeconds: number; onExpire: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [left, setLeft] = useState(countdownSeconds);
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;

  useEffect(() => {
    if (asking) return;
    let timer = window.setTimeout(() => setAsking(true), timeoutSeconds * 1000);
    const bump = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setAsking(true), timeoutSeconds * 1000);
    };
    for (const e of ACTIVITY) document.addEventListener(e, bump, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) document.removeEventListener(e, bump, { capture: true });
    };
  }, [asking, timeoutSeconds]);

  useEffect(() => {
    if (!asking) return;
    const end = Date.now() + countdownSeconds * 1000;
    setLeft(countdownSeconds);
    const iv = window.setInterval(() => {
      const remaining = Math.ceil((end - Date.now()) / 1000);
      if (remaining <= 0) {
        window.clearInterval(iv);
        expireRef.current();
      } else setLeft(remaining);
    }, 200);
    return () => window.clearInterval(iv);
  }, [asking, countdownSeconds]);

  if (!asking) return null;
  return (
    <Dialog title={t('kiosk.stillThere')} onClose={() => setAsking(false)} role="alertdialog" testId="still-there">
      <p className="dialog-body">
        {t('kiosk.stillThereBody', { seconds: left })}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" data-autofocus onClick={() => setAsking(false)}>
          {t('kiosk.imHere')}
        </button>
        <button type="button" className="btn" onClick={() => expireRef.current()}>
          {t('kiosk.endNow')}
        </button>
      </div>
    </Dialog>
  );
}
