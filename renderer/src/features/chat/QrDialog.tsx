/** Kiosk take-away: the transcript as a QR code drawn on screen (an SVG from the backend, no network). */
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';

type QrState = { kind: 'loading' } | { kind: 'ok'; src: string } | { kind: 'error'; message: string };

export function QrDialog({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<QrState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void call('export.qr', { conversationId, locale }).then((r) => {
      if (!live) return;
      if (r.ok) setState({ kind: 'ok', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(r.value.svg)}` });
      else setState({ kind: 'error', message: r.error.code === 'too_large' ? t('qr.tooLarge') : t('common.error', { message: errorText(r.error, t) }) });
    });
    return () => {
      live = false;
    };
  }, [conversationId, locale, t]);
  return (
    <Dialog title={t('qr.title')} onClose={onClose} testId="qr-dialog" className="dialog-qr">
      {state.kind === 'loading' && <p role="status">{t('common.loading')}</p>}
      {state.kind === 'ok' && (
        <>
          <p>{t('qr.body')}</p>
          <img className="qr-image" src={state.src} alt={t('qr.alt')} />
        </>
      )}
      {state.kind === 'error' && <p role="alert">{state.message}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
