/**
 * Interface language: one catalogue per language, a context holding the current one, and t() to
 * look strings up. The <html lang> attribute follows the choice so screen readers pronounce it right.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../shared/domain';
import { translator, type Translate } from './translate';

export { LOCALES, LOCALE_NAMES, translate, translator, type MessageKey, type Translate, type Vars } from './translate';

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
