/**
 * The shop's branding as the screens use it: its name where the app's would be (header, bot's
 * name), its welcome words, its logo, and its accent applied to the page. Empty branding values
 * fall back to the catalogue's words, so an unbranded device reads as before.
 */
import { useEffect } from 'react';
import type { Branding } from '../../../shared/domain';
import { useI18n } from '../i18n';
import { useApp } from './app-context';

export interface BrandView {
  /** The header name: the shop's, else the app's. */
  name: string;
  /** The assistant's name in the conversation log. */
  botName: string;
  logo: string | null;
  welcomeTitle: string;
  welcomeText: string;
  /**
   * Attributes for an element showing `name`/`botName`: the shop's own name is content (the
   * pseudo-locale scan skips it); the catalogue's fallback is interface text.
   */
  nameProps: ContentProps;
  /** The same for the welcome title and text (the shop's words, or the catalogue's). */
  welcomeTitleProps: ContentProps;
  welcomeTextProps: ContentProps;
}

type ContentProps = { 'data-content'?: '' };
const contentIf = (own: boolean): ContentProps => (own ? { 'data-content': '' } : {});

export function useBrand(): BrandView {
  const { t, locale } = useI18n();
  const { settings } = useApp();
  const b = settings.branding;
  const w = b.welcome[locale];
  return {
    name: b.shopName || t('app.name'),
    botName: b.shopName || t('chat.bot'),
    logo: b.logo,
    welcomeTitle: w.title || t('kiosk.welcomeTitle'),
    welcomeText: w.text || t('kiosk.welcomeBody'),
    nameProps: contentIf(!!b.shopName),
    welcomeTitleProps: contentIf(!!w.title),
    welcomeTextProps: contentIf(!!w.text),
  };
}

/**
 * The accent on the root element through the CSSOM (allowed by the CSP's style-src 'self', unlike a
 * style attribute in markup). High contrast keeps its own colours: the shop's never replace them.
 */
export function useAccent(branding: Branding, highContrast: boolean): void {
  useEffect(() => {
    const style = document.documentElement.style;
    if (branding.accent && !highContrast) {
      style.setProperty('--accent', branding.accent);
      style.setProperty('--accent-strong', branding.accent);
    } else {
      style.removeProperty('--accent');
      style.removeProperty('--accent-strong');
    }
  }, [branding.accent, highContrast]);
}
