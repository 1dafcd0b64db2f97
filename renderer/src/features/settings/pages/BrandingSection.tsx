/**
 * Settings → Kiosk → Branding (staff only, as every kiosk setting): the shop's name, accent colour
 * (its contrast with the white text on it shown as staff pick, and a colour below WCAG AA refused
 * with that ratio before it is sent; the backend checks the same shared formula), welcome title
 * and text per language, the logo file (checked and sanitised by the backend) and the on-screen
 * keyboard mode.
 */
import { useId, useState } from 'react';
import { accentProblem, ACCENT_TEXT_COLOUR, contrastRatio, formatRatio, HEX_COLOUR } from '../../../../../shared/contrast';
import type { Branding, Locale, TouchKeyboardMode } from '../../../../../shared/domain';
import { call } from '../../../api';
import { ErrorText, Status } from '../../../components/States';
import { LOCALES, LOCALE_NAMES, useI18n } from '../../../i18n';
import { useApp } from '../../../lib/app-context';
import { errorText } from '../../../lib/error-text';
import { base64Of } from '../../../lib/file-base64';

const DEFAULT_ACCENT = '#0e6e6a';
const MODES: TouchKeyboardMode[] = ['auto', 'always', 'never'];

export function BrandingSection() {
  const { t } = useI18n();
  const { settings, updateSettings, settingsChanged } = useApp();
  const uid = useId();
  const saved = settings.branding;
  const [shopName, setShopName] = useState(saved.shopName);
  const [useAccent, setUseAccent] = useState(saved.accent !== null);
  const [accent, setAccent] = useState(saved.accent ?? DEFAULT_ACCENT);
  const [welcome, setWelcome] = useState<Branding['welcome']>(saved.welcome);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [logoStatus, setLogoStatus] = useState<string | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [kbStatus, setKbStatus] = useState<string | null>(null);

  const ratio = HEX_COLOUR.test(accent) ? formatRatio(contrastRatio(accent, ACCENT_TEXT_COLOUR)) : null;
  const setWords = (l: Locale, field: 'title' | 'text', v: string) => setWelcome((w) => ({ ...w, [l]: { ...w[l], [field]: v } }));

  return (
    <>
      <form
        className="card"
        aria-labelledby={`${uid}-h`}
        data-testid="branding-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setStatus(null);
          if (useAccent && accentProblem(accent)) return setError(t('brand.accentRefused', { ratio: ratio ?? '?' }));
          const r = await updateSettings({ branding: { shopName, accent: useAccent ? accent : null, welcome } });
          if (r.ok) setStatus(t('common.saved'));
          else setError(errorText(r.error, t));
        }}
      >
        <h3 id={`${uid}-h`}>{t('brand.heading')}</h3>
        <p>{t('brand.intro')}</p>
        <div className="field">
          <label htmlFor={`${uid}-name`}>{t('brand.shopName')}</label>
          <input id={`${uid}-name`} type="text" maxLength={60} value={shopName} onChange={(e) => setShopName(e.target.value)} />
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={!useAccent} onChange={(e) => setUseAccent(!e.target.checked)} />
            {t('brand.accentDefault')}
          </label>
        </div>
        {useAccent && (
          <div className="field">
            <label htmlFor={`${uid}-accent`}>{t('brand.accent')}</label>
            <div className="inline-form">
              <input id={`${uid}-accent`} type="color" value={accent} onChange={(e) => setAccent(e.target.value)} aria-describedby={`${uid}-ratio`} />
              <input type="text" aria-label={t('brand.accentHex')} value={accent} maxLength={7} pattern="#[0-9a-fA-F]{6}" onChange={(e) => setAccent(e.target.value.trim())} />
            </div>
            <p id={`${uid}-ratio`} className="muted" data-testid="accent-ratio">
              {ratio ? t('brand.contrast', { ratio }) : ''}
            </p>
          </div>
        )}
        {LOCALES.map((l) => (
          <fieldset key={l} className="field" lang={l}>
            <legend>{LOCALE_NAMES[l]}</legend>
            <label htmlFor={`${uid}-t-${l}`}>{t('brand.welcomeTitle', { language: LOCALE_NAMES[l] })}</label>
            <input id={`${uid}-t-${l}`} type="text" maxLength={80} value={welcome[l].title} onChange={(e) => setWords(l, 'title', e.target.value)} />
            <label htmlFor={`${uid}-x-${l}`}>{t('brand.welcomeText', { language: LOCALE_NAMES[l] })}</label>
            <textarea id={`${uid}-x-${l}`} rows={2} maxLength={400} value={welcome[l].text} onChange={(e) => setWords(l, 'text', e.target.value)} />
          </fieldset>
        ))}
        <button type="submit" className="btn btn-primary">
          {t('brand.save')}
        </button>
        <ErrorText error={error} />
        <Status text={status} />
      </form>

      <div className="card" role="group" aria-labelledby={`${uid}-lh`}>
        <h3 id={`${uid}-lh`}>{t('brand.logo')}</h3>
        {saved.logo ? <img className="brand-logo brand-logo-large" src={saved.logo} alt={t('brand.logoCurrent')} /> : <p className="muted">{t('brand.logoNone')}</p>}
        <div className="field">
          <label htmlFor={`${uid}-logo`}>{t('brand.logo')}</label>
          <input
            id={`${uid}-logo`}
            type="file"
            accept=".png,.svg,image/png,image/svg+xml"
            data-testid="logo-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setLogoError(null);
              setLogoStatus(null);
              const r = await call('branding.logo', { file: await base64Of(f) });
              if (r.ok) {
                settingsChanged(r.value);
                setLogoStatus(t('brand.logoSaved'));
              } else setLogoError(t('brand.logoRefused', { message: errorText(r.error, t) }));
            }}
          />
        </div>
        {saved.logo && (
          <button
            type="button"
            className="btn btn-danger-outline"
            onClick={async () => {
              const r = await call('branding.logo', { file: null });
              if (r.ok) settingsChanged(r.value);
              else setLogoError(errorText(r.error, t));
            }}
          >
            {t('brand.logoRemove')}
          </button>
        )}
        <ErrorText error={logoError} />
        <Status text={logoStatus} />
      </div>

      <fieldset className="card">
        <legend>{t('brand.keyboardHeading')}</legend>
        <p id={`${uid}-km`}>{t('brand.keyboardMode')}</p>
        {MODES.map((m) => (
          <label key={m} className="check">
            <input
              type="radio"
              name={`${uid}-kbmode`}
              value={m}
              checked={settings.touchKeyboard === m}
              onChange={async () => {
                setKbStatus(null);
                const r = await updateSettings({ touchKeyboard: m });
                setKbStatus(r.ok ? t('common.saved') : errorText(r.error, t));
              }}
            />
            {t(`brand.keyboard.${m}`)}
          </label>
        ))}
        <Status text={kbStatus} />
      </fieldset>
    </>
  );
}
