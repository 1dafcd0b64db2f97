/**
 * The store exists but cannot be opened (damaged file, missing key file, changed keychain, a file
 * from a newer app). Nothing has been changed on disk. The person chooses: keep things as they are
 * (quit, restore a backup, update the app) or set the files aside and start with an empty store.
 */
import { useState } from 'react';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';

export function RecoveryScreen({ code, onDone }: { code: string; onDone: () => void }) {
  const { t } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const [setAside, setSetAside] = useState<string | null>(null);
  return (
    <div className="screen unlock-screen">
      <main className="unlock-main">
        <section className="card unlock-card" data-testid="recovery" data-code={code}>
          <span className="brand-mark brand-mark-large" aria-hidden="true" />
          <h1>{t('recovery.title')}</h1>
          <p>{code === 'future_schema' ? t('recovery.newer') : t('recovery.intro')}</p>
          <p className="error-text">{errorText({ code }, t)}</p>
          <p>{t('recovery.nothingChanged')}</p>
          {setAside ? (
            <>
              <p role="status">{t('recovery.done', { folder: setAside })}</p>
              <button type="button" className="btn btn-primary" onClick={onDone}>
                {t('recovery.continue')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-danger-outline" onClick={() => setConfirm(true)}>
              {t('recovery.startFresh')}
            </button>
          )}
        </section>
        {confirm && (
          <ConfirmDialog
            title={t('recovery.confirmTitle')}
            confirmLabel={t('recovery.confirm')}
            onCancel={() => setConfirm(false)}
            onConfirm={async () => {
              const r = await call('security.startFresh', undefined);
              if (r.ok) {
                setConfirm(false);
                setSetAside(r.value.setAside);
              }
              return r;
            }}
          >
            <p>{t('recovery.confirmBody')}</p>
          </ConfirmDialog>
        )}
      </main>
    </div>
  );
}
