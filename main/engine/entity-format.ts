/**
 * A slot's canonical value (entities.ts) written for the customer in the reply's language, through
 * Intl: "2027-03-03" is "3 de marzo de 2027" / "March 3, 2027", "79.99 EUR" is "79,99 €" / "€79.99",
 * "12345.5" is "12.345,5" / "12,345.5", "17:00" is "17:00" / "5:00 PM". Dates and times follow the
 * shop's country as well (shared/date-locale.ts): a British shop says "3 March 2027" and "17:00".
 * Anything else (words kept as typed, order numbers, phones, the shop's own entities) is said as it is. Dates and times are
 * formatted in UTC from their own fields, so the machine's time zone never moves a day.
 * Formatters are built once per language and kind (building one costs far more than using it).
 */

import { clockTextIn, dateLocale } from '../../shared/date-locale';

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONEY = /^(\d+)(?:\.(\d{1,2}))? ([A-Z]{3})$/;
const NUMBER = /^(?:0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Formats one value of a built-in entity kind in `language` (dates and times as the shop's `region`
 * writes them); the value itself when it is not canonical or Intl refuses.
 */
export function formatEntityValue(entity: string, value: string, language: string, region?: string): string {
  try {
    if (entity === 'datetime') {
      const tag = dateLocale(language, region);
      const d = ISO_DAY.exec(value);
      if (d) {
        const f = cached(`${tag}|day`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }));
        return f.format(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
      }
      // "17:00" (the canonical time) as the country writes it; anything else as it is.
      return clockTextIn(tag, value);
    }
    if (entity === 'money') {
      const m = MONEY.exec(value);
      if (!m) return value;
      // As many decimals as the customer gave: "£5" stays "£5", "12.5 €" becomes "12,50 €".
      const digits = m[2] === undefined ? 0 : 2;
      const f = cached(`${language}|${m[3] as string}|${digits}`, () => new Intl.NumberFormat(language, { style: 'currency', currency: m[3] as string, minimumFractionDigits: digits, maximumFractionDigits: digits }));
      return f.format(Number(`${m[1] as string}${m[2] ? `.${m[2]}` : ''}`));
    }
    if (entity === 'number') {
      const n = NUMBER.exec(value);
      if (!n) return value;
      const decimals = Math.min(n[1]?.length ?? 0, 20);
      const f = cached(`${language}|n|${decimals}`, () => new Intl.NumberFormat(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
      return f.format(Number(value));
    }
  } catch {
    // An unknown language tag or currency: the canonical value is still readable.
  }
  return value;
}
