/**
 * First start of a kiosk: a staff step before any customer sees the welcome screen. The staff PIN
 * (without it the first customer to tap Settings could set one and become staff), how the file is
 * unlocked after a restart (passphrase or the computer's key store), the first language, and the
 * shop's country (phone numbers are masked the way it writes them from the first customer on; the
 * computer's language gives the first guess). Everything else waits for Settings.
 */
import { useEffect, useId, useState } from 'react';
import type { Locale, SecurityStatus, Settings } from '../../../../shared/domain';
import { call } from '../../api';
import { PinField } from '../../components/PinField';
import { RegionSelect } from '../../components/RegionSelect';
import { LOCALES, LOCALE_NAMES, useI18n } from '../../i18n';
import { MIN_PASSPHRASE, passphraseStrength } from '../../lib/passphrase-strength';
import { PIN_PATTERN as PIN_RE } from '../../../../shared/pin';
import { errorText } from '../../lib/error-text';
import { regionFromLanguages } from '../../lib/region';
import { useApp } from '../../lib/app-context';


export interface KioskSetupProps {
  /** Everything was just erased: say so (this is not the kiosk's very first start). */
  erased?: boolean;
  /** Called with the settings as saved (the language chosen here included). */
  onDone: (settings: Settings) => void;
}

export function KioskSetup({ erased = false, onDone }: KioskSetupProps) {
  const { t, locale } = useI18n();
  // Applied at the end: before the PIN exists no setting can be saved in kiosk mode.
  const [chosen, setChosen] = useState<Locale>(locale);
  const { settings } = useApp();
  const [region, setRegion] = useState(() => regionFromLanguages(navigator.languages, settings.storeRegion));
  const ids = { region: useId(), pin: useId(), repeat: useId(), err: useId(), current: useId(), next: useId(), again: useId(), rule: useId(), strength: useId() };
  const [security, setSecurity] = useState<SecurityStatus | null>(null);
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [protector, setProtector] = useState<'passphrase' | 'device'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('security.status', undefined).then((r) => {
      if (!r.ok) return;
      setSecurity(r.value);
      setProtector(r.value.keyProtector?.kind ?? 'passphrase');
    });
  }, []);

  const current = security?.keyProtector?.kind ?? 'passphrase';
  const switching = protector !== current;

  const finish = async () => {
    if (!PIN_RE.test(pin)) return setError(t('pin.format'));
    if (pin !== repeat) return setError(t('pin.mismatch'));
    if (switching && protector === 'passphrase' && passphrase.length < MIN_PASSPHRASE) return setError(t('unlock.tooShort', { min: MIN_PASSPHRASE }));
    if (switching && protector === 'passphrase' && passphrase !== again) return setError(t('unlock.mismatch'));
    if (switching && protector === 'device' && passphrase.length === 0) return setError(t('setup.currentPassphrase'));
    setBusy(true);
    setError(null);
    // Setting the PIN opens a staff session, which the protector change and the language need.
    const saved: { settings: Settings | null } = { settings: null };
    const steps = [
      () => call('kiosk.setPin', { pin }),
      ...(switching ? [() => (protector === 'device' ? call('security.useDevice', { passphrase }) : call('security.usePassphrase', { passphrase }))] : []),
      async () => {
        const r = await call('settings.set', { patch: { locale: chosen, storeRegion: region } });
        if (r.ok) saved.settings = r.value;
        return r;
      },
      () => call('kiosk.lock', undefined),
    ];
    for (const step of steps) {
      const r = await step();
      if (!r.ok) {
        setBusy(false);
        return setError(t('common.error', { message: errorText(r.error, t) }));
      }
    }
    setPassphrase('');
    setAgain('');
    if (saved.settings) onDone(saved.settings);
  };

  return (
    <div className="screen setup-screen" data-testid="kiosk-setup">
      <main className="setup-main">
        <form
          className="card setup-card"
          onSubmit={(e) => {
            e.preventDefault();
            void finish();
          }}
        >
          <h1>{t('setup.title')}</h1>
          {erased && (
            <p role="status" className="notice" data-testid="erased-notice">
              {t('erase.done')}
            </p>
          )}
          <p>{t('setup.intro')}</p>

          <fieldset className="setup-step">
            <legend>{t('setup.pinHeading')}</legend>
            <p className="muted">{t('setup.pinIntro')}</p>
            <PinField id={ids.pin} label={t('pin.label')} value={pin} onValue={setPin} autoFocus aria-describedby={error ? ids.err : undefined} />
            <PinField id={ids.repeat} label={t('pin.confirmLabel')} value={repeat} onValue={setRepeat} />
          </fieldset>

          <fieldset className="setup-step">
            <legend>{t('setup.keyHeading')}</legend>
            {security && !security.deviceKeyAvailable && current === 'passphrase' ? (
              <p>{t('setup.keyDeviceUnavailable')}</p>
            ) : (
              <div className="choice-list">
                {(['passphrase', 'device'] as const).map((k) => (
                  <label key={k} className="choice">
                    <input type="radio" name="protector" value={k} checked={protector === k} disabled={k === 'device' && !security?.deviceKeyAvailable} onChange={() => setProtector(k)} />
                    <span>{k === 'passphrase' ? t('setup.keyPassphrase') : t('setup.keyDevice')}</span>
                  </label>
                ))}
              </div>
            )}
            {switching && protector === 'device' && (
              <div className="field">
                <label htmlFor={ids.current}>{t('setup.currentPassphrase')}</label>
                <input id={ids.current} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              </div>
            )}
            {switching && protector === 'passphrase' && (
              // The same rules as a first start: the rule and the loss warning before typing, a
              // strength hint while typing, and the passphrase typed twice.
              <>
                <p className="warning">{t('unlock.lossWarning')}</p>
                <div className="field">
                  <label htmlFor={ids.next}>{t('setup.newPassphrase')}</label>
                  <p id={ids.rule} className="muted">
                    {t('unlock.rule', { min: MIN_PASSPHRASE })}
                  </p>
                  <input
                    id={ids.next}
                    type="password"
                    autoComplete="new-password"
                    value={passphrase}
                    aria-describedby={`${ids.rule} ${ids.strength}`}
                    onChange={(e) => setPassphrase(e.target.value)}
                  />
                  <p id={ids.strength} className="muted" aria-live="polite" data-testid="setup-strength">
                    {passphrase ? t(`unlock.strength.${passphraseStrength(passphrase)}`, { min: MIN_PASSPHRASE }) : ''}
                  </p>
                </div>
                <div className="field">
                  <label htmlFor={ids.again}>{t('unlock.repeat')}</label>
                  <input id={ids.again} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
                </div>
              </>
            )}
          </fieldset>

          <fieldset className="setup-step">
            <legend>{t('setup.langHeading')}</legend>
            <div className="choice-list choice-row">
              {LOCALES.map((l) => (
                <label key={l} className="choice" lang={l}>
                  <input type="radio" name="locale" value={l} checked={l === chosen} onChange={() => setChosen(l)} />
                  <span>{LOCALE_NAMES[l]}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="setup-step">
            <legend id={`${ids.region}-legend`}>{t('setup.regionHeading')}</legend>
            <p className="muted" id={`${ids.region}-help`}>
              {t('mask.regionHelp')}
            </p>
            <RegionSelect id={ids.region} value={region} onChange={setRegion} labelledBy={`${ids.region}-legend`} describedBy={`${ids.region}-help`} />
          </fieldset>

          <p className="muted">{t('setup.later')}</p>
          <p id={ids.err} role="alert" className={error ? 'error-text' : 'sr-only'} data-testid="setup-message">
            {error ?? ''}
          </p>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('setup.working') : t('setup.finish')}
          </button>
        </form>
      </main>
    </div>
  );
}
