/** The kiosk's resting screen: a fresh start for every customer, with the language choice up front. */
import { BrandMark } from '../../components/BrandMark';
import { PrivacyFooter } from '../../components/PrivacyFooter';
import { useBrand } from '../../lib/branding';
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
  const brand = useBrand();
  return (
    <div className="screen welcome-screen" data-testid="welcome">
      <header className="topbar topbar-plain">
        <div className="brand">
          <BrandMark />
          <span className="brand-name" data-testid="brand-name" {...brand.nameProps}>
            {brand.name}
          </span>
        </div>
        <button type="button" className="btn btn-quiet" onClick={onOpenSettings}>
          {t('chat.settings')}
        </button>
      </header>
      <main className="welcome-main">
        <h1 className="welcome-title" {...brand.welcomeTitleProps}>
          {brand.welcomeTitle}
        </h1>
        <p className="welcome-body" {...brand.welcomeTextProps}>
          {brand.welcomeText}
        </p>
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
