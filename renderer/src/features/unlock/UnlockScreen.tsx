/**
 * The store is locked: ask for the passphrase (or, on a first start, have one chosen). On a kiosk
 * the person in front of the screen is most likely a customer: the screen says so first and keeps
 * the passphrase as a staff step, and erasing needs the staff PIN (checked by the backend). A
 * desktop's first start also asks the person's country, guessed from the computer's language, so
 * phone numbers are masked and dates written its way from the first message (a kiosk's setup asks
 * it after the passphrase, with the staff PIN).
 */
import { useId, useState } from 'react';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PinField } from '../../components/PinField';
import { RegionSelect } from '../../components/RegionSelect';
import { useI18n } from '../../i18n';
import { MIN_PASSPHRASE, passphraseStrength } from '../../lib/passphrase-strength';
import { errorText } from '../../lib/error-text';
import { regionFromLanguages } from '../../lib/region';
import { DEFAULT_SETTINGS } from '../../../../shared/settings-defaults';

/** `erased`: everything was just erased (from settings or from here): the first-start screen says so. */
export function UnlockScreen({ storeExists, kiosk, erased = false, onUnlocked }: { storeExists: boolean; kiosk: boolean; erased?: boolean; onUnlocked: (after?: 'erased') => void }) {
  const [confirmErase, setConfirmErase] = useState(false);
  const [erasePin, setErasePin] = useState('');
  const { t } = useI18n();
  const id = useId();
  const errId = useId();
  const ruleId = useId();
  const repeatId = useId();
  const strengthId = useId();
  const regionId = useId();
  const regionHelpId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  // Creating: the rule is shown before typing, the strength while typing, a second field confirms.
  const creating = !storeExists;
  const strength = passphraseStrength(passphrase);
  const askRegion = creating && !kiosk;
  const [region, setRegion] = useState(() => regionFromLanguages(navigator.languages, DEFAULT_SETTINGS.storeRegion));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="screen unlock-screen">
      <main className="unlock-main">
        {kiosk && (
          <section className="card unlock-card unlock-kiosk" data-testid="kiosk-being-set-up">
            <span className="brand-mark brand-mark-large" aria-hidden="true" />
            <h1>{t('unlock.kioskTitle')}</h1>
            <p className="unlock-kiosk-ask">{t('unlock.kioskIntro')}</p>
          </section>
        )}
        <form
          className="card unlock-card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!passphrase) return;
            if (creating && passphrase.length < MIN_PASSPHRASE) return setError(t('unlock.tooShort', { min: MIN_PASSPHRASE }));
            if (creating && passphrase !== repeat) return setError(t('unlock.mismatch'));
            setBusy(true);
            setError(null);
            const r = await call('security.unlock', { passphrase });
            setBusy(false);
            setPassphrase('');
            setRepeat('');
            if (r.ok && r.value.unlocked) {
              // A failure here is the backend's to log (it is unexpected: the value is one of the list);
              // the store exists by now, so the person goes on, with the country left to Your data.
              if (askRegion) await call('settings.set', { patch: { storeRegion: region } });
              onUnlocked();
            } else if (!r.ok) setError(r.error.code === 'wrong_key' ? t('unlock.wrong') : t('common.error', { message: errorText(r.error, t) }));
          }}
        >
          {kiosk ? (
            <h2>{t('unlock.staffHeading')}</h2>
          ) : (
            <>
              <span className="brand-mark brand-mark-large" aria-hidden="true" />
              <h1>{storeExists ? t('unlock.title') : t('unlock.createTitle')}</h1>
            </>
          )}
          {erased && !storeExists && (
            <p role="status" className="notice" data-testid="erased-notice">
              {t('erase.done')}
            </p>
          )}
          <p>{storeExists ? t('unlock.intro') : t('unlock.createIntroShort')}</p>
          {creating && (
            <p className="warning" data-testid="passphrase-warning">
              {t('unlock.lossWarning')}
            </p>
          )}
          <div className="field">
            <label htmlFor={id}>{t('unlock.passphrase')}</label>
            {creating && (
              <p id={ruleId} className="muted">
                {t('unlock.rule', { min: MIN_PASSPHRASE })}
              </p>
            )}
            <input
              id={id}
              type="password"
              autoComplete={storeExists ? 'current-password' : 'new-password'}
              value={passphrase}
              aria-describedby={[creating ? `${ruleId} ${strengthId}` : '', error ? errId : ''].join(' ').trim() || undefined}
              aria-invalid={error ? true : undefined}
              autoFocus={!kiosk}
              onChange={(e) => setPassphrase(e.target.value)}
            />
            {creating && (
              <p id={strengthId} className={`strength strength-${strength}`} data-testid="passphrase-strength" aria-live="polite">
                {passphrase ? t(`unlock.strength.${strength}`, { min: MIN_PASSPHRASE }) : ''}
              </p>
            )}
          </div>
          {creating && (
            <div className="field">
              <label htmlFor={repeatId}>{t('unlock.repeat')}</label>
              <input id={repeatId} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            </div>
          )}
          {askRegion && (
            // One row and a one-line hint: the Create button stays in a 1100x780 window.
            <div className="field unlock-country">
              <div className="unlock-country-row">
                <label htmlFor={regionId}>{t('unlock.country')}</label>
                <RegionSelect id={regionId} value={region} onChange={setRegion} describedBy={regionHelpId} />
              </div>
              <p id={regionHelpId} className="muted">
                {t('unlock.countryHelp')}
              </p>
            </div>
          )}
          <p id={errId} role="alert" className={error ? 'error-text' : 'sr-only'}>
            {error ?? ''}
          </p>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {storeExists ? t('unlock.submit') : t('unlock.create')}
          </button>
        </form>
        {storeExists && (
          <section className="card unlock-card unlock-forgot">
            <h2>{t('unlock.forgot')}</h2>
            <p>{t('unlock.forgotIntro')}</p>
            <button type="button" className="btn btn-danger" onClick={() => setConfirmErase(true)}>
              {t('unlock.eraseButton')}
            </button>
          </section>
        )}
        {confirmErase && (
          <ConfirmDialog
            title={t('unlock.eraseTitle')}
            confirmLabel={t('unlock.eraseConfirm')}
            danger
            testId="confirm-erase-forgotten"
            onCancel={() => {
              setConfirmErase(false);
              setErasePin('');
            }}
            onConfirm={async () => {
              const r = await call('wipe.run', kiosk ? { scope: { kind: 'all' }, pin: erasePin } : { scope: { kind: 'all' } });
              setErasePin('');
              if (r.ok) {
                setConfirmErase(false);
                onUnlocked('erased'); // re-reads the status: no store any more, so "Choose a passphrase"
              }
              return r;
            }}
          >
            <p>{kiosk ? t('unlock.kioskEraseBody') : t('unlock.eraseBody')}</p>
            {kiosk && <PinField label={t('unlock.kioskPin')} value={erasePin} onValue={setErasePin} />}
          </ConfirmDialog>
        )}
      </main>
    </div>
  );
}
