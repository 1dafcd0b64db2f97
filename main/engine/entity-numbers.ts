/**
 * Amounts of money and plain numbers as typed in a language, to one canonical form: digits with a
 * "." decimal point and no grouping ("1.299,00" and "1,299.00" are both "1299.00"); money adds the
 * ISO 4217 code ("1299.00 USD", "79.99 EUR").
 *
 * Money is read the same in every language: an amount carries at most two decimals, so a single
 * separator followed by three digits groups thousands ("1,299 dollars", "1.299 €") and one followed
 * by one or two digits is the decimal mark ("79,99 €", "12.50 dollars"); with both, the last is the
 * decimal mark. A plain number has no such rule: "1.500" is 1500 in Spanish and 1.5 in English, so
 * it follows the language's decimal mark (Intl), and the other mark groups thousands.
 */

const AMOUNT = String.raw`\d{1,3}(?:[.,\u00A0\u202F]\d{3})+(?:[.,]\d{1,2})?|\d{1,7}(?:[.,]\d{1,2})?`;
// Before the amount: a symbol or a code; after it: a symbol, a code or a word (English, Spanish and
// the Spanish "pavos").
export const MONEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:(?<pre>US\$|[$£€]|(?:eur|usd|gbp)(?=\s?\d))\s?(?<a1>${AMOUNT})(?![\p{N}])|(?<a2>${AMOUNT})\s?(?<post>[$£€]|(?:euros?|eur|usd|gbp|dollars?|dólares|dolares|dólar|dolar|pounds?|libras?|quid|bucks|pavos)(?![\p{L}\p{N}_])))`,
  'giu',
);

// The dollar of the shop's region; elsewhere (and with no region) the US dollar.
const DOLLAR_BY_REGION: Readonly<Record<string, string>> = { CA: 'CAD', AU: 'AUD', NZ: 'NZD', MX: 'MXN' };

export function currencyOf(symbol: string, region?: string): string {
  const s = symbol.toLowerCase();
  if (s === 'us$' || s === 'usd') return 'USD';
  if (s === '€' || s.startsWith('eur') || s === 'pavos') return 'EUR';
  if (s === '£' || s === 'gbp' || s.startsWith('pound') || s.startsWith('libra') || s === 'quid') return 'GBP';
  return DOLLAR_BY_REGION[region ?? ''] ?? 'USD';
}

/** A money amount's canonical digits ("1299.00") and value, or null when it is not a number. */
export function parseAmount(raw: string): { digits: string; amount: number } | null {
  const s = raw.replace(/[\u00A0\u202F]/g, '');
  const seps = s.match(/[.,]/g) ?? [];
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let whole = s;
  let decimals = '';
  if (last >= 0) {
    const after = s.slice(last + 1);
    if (after.length <= 2 && (seps.length === 1 || new Set(seps).size > 1)) {
      whole = s.slice(0, last);
      decimals = after;
    }
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(decimals)) return null;
  const digits = `${String(Number(whole))}${decimals ? `.${decimals}` : ''}`;
  const amount = Number(digits);
  return Number.isFinite(amount) ? { digits, amount } : null;
}

interface NumberReader {
  re: RegExp;
  decimal: '.' | ',';
}

const readers = new Map<string, NumberReader>();

/** The language's decimal mark, from Intl ("," for es, "." for en); "." when Intl does not know the language. */
function decimalMark(locale: string): '.' | ',' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/**
 * The plain-number regex of a language. With a decimal comma (Spanish) a dot before three digits
 * groups thousands ("1.299") and otherwise is read as the decimal point people type on phones
 * ("2.5"); with a decimal point (English) a comma only groups thousands ("1,299"), so "1,5" stays
 * two numbers as before.
 */
export function numberReader(locale: string): NumberReader {
  let r = readers.get(locale);
  if (!r) {
    const decimal = decimalMark(locale);
    const src =
      decimal === ','
        ? String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\p{N}])|\d{1,9}(?:[.,]\d+)?`
        : String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{N}])|\d{1,9}(?:\.\d+)?`;
    r = { re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${src})(?![\\p{L}\\p{N}_])`, 'gu'), decimal };
    readers.set(locale, r);
  }
  r.re.lastIndex = 0;
  return r;
}

/** A plain number's canonical digits ("1299", "2.5"), read with the language's marks. */
export function canonicalNumber(typed: string, decimal: '.' | ','): string {
  const group = decimal === ',' ? '.' : ',';
  const grouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+(?:\\${decimal}\\d+)?$`).test(typed);
  const plain = grouped ? typed.split(group).join('') : typed;
  return plain.replace(',', '.');
}
