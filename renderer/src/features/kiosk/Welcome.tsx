/** The kiosk's resting screen: a fresh start for every customer, with the language choice up front. */
import { PrivacyFooter } from '../../components/PrivacyFooter';
import { OpeningStatusLine } from '../hours/OpeningStatusLine';
import type { Locale } from '../../../../shared/domain';
import { LOCALES, LOCALE_NAMES, useI18n } from '../../i18n';

export interface WelcomeProps {
  onStart: () => void;
  onOpenSettings: () => void;
  onOpenYourData: () => void;
  onLocale: (l: Locale) => void;
}

export function Welcome({ onStart, onOpenSettings, onOpenYourData, onLocale }: WelcomeProps) {
  const { t, locale } = useI18n();
  return (
    <div className="screen welcome-screen" data-testid="welcome">
      <header className="topbar topbar-plain">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <button type="button" className="btn btn-quiet" onClick={onOpenSettings}>
          {t('chat.settings')}
        </button>
      </header>
      <main className="welcome-main">
        <h1 className="welcome-title">{t('kiosk.welcomeTitle')}</h1>
        <p className="welcome-body">{t('kiosk.welcomeBody')}</p>
        <OpeningStatusLine />
        <button type="button" className="btn btn-primary btn-hero" onClick={onStart}>
          {t('kiosk.start')}
        </button>
        <div className="welcome-lang" role="group" aria-label={t('kiosk.language')}>
          {LOCALES.map((l) => (
            <button key={l} type="button" lang={l} className="btn btn-small" aria-pressed={l === locale} onClick={() => onLocale(l)}>
              {LOCALE_NAMES[l]}
            </button>
          ))}
        </div>
      </main>
      <PrivacyFooter onOpenYourData={onOpenYourData} />
    </div>
  );
}
