/**
 * Interface language: one catalogue per language, a context holding the current one, and t() to
 * look strings up. The <html lang> attribute follows the choice so screen readers pronounce it right.
 * Dates and times on screen are written the shop's country's way (`dates`, e.g. "en-GB"), like the
 * ones the bot says (shared/date-locale.ts).
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { dateLocale } from '../../../shared/date-locale';
import type { Locale } from '../../../shared/domain';
import { translator, type Translate } from './translate';

export { LOCALES, LOCALE_NAMES, translate, translator, type MessageKey, type Translate, type Vars } from './translate';

interface I18n {
  locale: Locale;
  /** The Intl locale for dates and times: the language in the shop's country ("en-GB"). */
  dates: string;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', dates: 'en', t: translator('en') });

/** `region`: the shop's country (settings.storeRegion), once the settings are known. */
export function I18nProvider({ locale, region, children }: { locale: Locale; region?: string; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => ({ locale, dates: dateLocale(locale, region), t: translator(locale) }), [locale, region]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
