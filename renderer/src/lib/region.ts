/**
 * The shop's country (`storeRegion`): its name in the interface language, the countries it can be,
 * and a first guess from the computer's language (en-GB is the United Kingdom).
 */
import { PHONE_REGIONS } from '../../../shared/phone-regions';

/** "DE" -> "Germany" in the interface language; an unknown code is shown as it is. */
export function regionName(locale: string, code: string, names?: Intl.DisplayNames): string {
  try {
    return (names ?? new Intl.DisplayNames([locale], { type: 'region' })).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every region a phone number can be read in, by name in the interface language (one DisplayNames for all 245). */
export function regionsByName(locale: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const collator = new Intl.Collator(locale);
  return PHONE_REGIONS.map((code) => ({ code, name: regionName(locale, code, names) })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The first of the computer's languages that names a country we can read phone numbers in
 * ("en-GB" -> GB; a bare "en" says nothing about the shop, so it is passed over), else `fallback`.
 */
export function regionFromLanguages(tags: readonly string[], fallback: string): string {
  for (const tag of tags) {
    try {
      const region = new Intl.Locale(tag).region;
      if (region && PHONE_REGIONS.includes(region)) return region;
    } catch {
      // Not a language tag: try the next.
    }
  }
  return fallback;
}
