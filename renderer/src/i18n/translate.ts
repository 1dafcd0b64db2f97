/**
 * The catalogues and t() without React, so helpers (error and retention wording) and their unit tests
 * use the same lookup and plural rules as the pages.
 */
import { LOCALES as SPOKEN, type Locale } from '../../../shared/domain';
import { PSEUDO_LOCALE_GLOBAL } from '../../../shared/ipc-names';
import { en, type Catalogue, type MessageKey } from './en';
import { es } from './es';

const catalogues: Record<Locale, Catalogue> = { en, es };
export const LOCALES: readonly Locale[] = SPOKEN;
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export type { MessageKey };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const PLURAL = /\{(\w+), plural,((?:\s*[=\w]+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /([=\w]+)\s*\{([^{}]*)\}/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * `{n, plural, one {# conversation} other {# conversations}}` picks the form Intl.PluralRules gives
 * for the number in this language (`=0` for an exact match); `#` is the number.
 */
function plurals(locale: Locale, template: string, vars: Vars): string {
  return template.replace(PLURAL, (whole, name: string, cases: string) => {
    const n = Number(vars[name]);
    if (!(name in vars) || Number.isNaN(n)) return whole;
    const forms = new Map<string, string>();
    for (const m of cases.matchAll(PLURAL_CASE)) forms.set(m[1] as string, m[2] as string);
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, new Intl.NumberFormat(locale).format(n));
  });
}

/**
 * The pseudo-locale of the preview host's scan (never set in the Electron app): every string from
 * the Spanish catalogue, wrapped in markers, whatever the language asked for.
 */
const PSEUDO = typeof window !== 'undefined' && (window as unknown as Record<string, unknown>)[PSEUDO_LOCALE_GLOBAL] === true;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return lookup(catalogues, locale, key, vars);
}

/** t() for one language (the provider's, and helpers' outside React). */
export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

/**
 * One lookup for every catalogue set (the app's here, a feature's own beside it, such as the
 * knowledge-base editor's): the locale's template or the English one, plurals and {name}s filled,
 * and in the pseudo-locale the Spanish one wrapped in ⟦…⟧.
 */
export function lookup<K extends string>(set: { en: Record<K, string> } & Record<Locale, Partial<Record<K, string>>>, locale: Locale, key: K, vars?: Vars): string {
  if (PSEUDO) return `⟦${fill('es', set.es[key] ?? set.en[key], vars)}⟧`;
  return fill(locale, set[locale][key] ?? set.en[key], vars);
}

function fill(locale: Locale, template: string, vars: Vars | undefined): string {
  if (!vars) return template;
  return plurals(locale, template, vars).replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
