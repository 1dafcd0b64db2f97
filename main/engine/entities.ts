/**
 * Entity extraction from the raw message: built-in kinds (email, phone, order number, number,
 * money, date/time) plus the knowledge base's list entities (values with synonyms) and regex
 * entities. Works on the raw text (cut to MAX_INPUT_CHARS) because normalisation would destroy
 * "HD-123456" and "jo@example.com".
 *
 * Per locale (issue 17): the message's language decides the date words and the decimal mark of
 * plain numbers (entity-dates.ts, entity-numbers.ts); the shop's region reads national phone
 * numbers (libphonenumber) and picks which dollar "$" is. Canonical values:
 *   datetime  "2027-03-03" (a day), "17:00" (a time), or the words as typed for periods, habits and
 *             relative words when no reference day is given ("next week", "los domingos")
 *   money     "1299.00 USD" (digits, "." decimal, ISO 4217 code), plus amount and currency
 *   number    "1299", "2.5"
 *   phone     E.164 ("+34612345678") with its country when a numbering plan accepts it; otherwise
 *             the digits as before (still claimed, so no order number is read out of a phone)
 * Nothing here reads the clock: the reference day comes in the options.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { dateRegex, readDate } from './entity-dates';
import { canonicalNumber, currencyOf, MONEY, numberReader, parseAmount } from './entity-numbers';
import { MAX_INPUT_CHARS, normalizeText } from './normalize';

export const BUILTIN_ENTITIES = ['email', 'phone', 'order_number', 'number', 'money', 'datetime'] as const;
export type BuiltinEntity = (typeof BUILTIN_ENTITIES)[number];

export interface ListValue {
  value: string;
  synonyms: string[];
}

export type EntityDef =
  | { name: string; kind: 'list'; values: ListValue[] }
  | { name: string; kind: 'regex'; pattern: string; flags?: string };

export interface Entity {
  entity: string;
  /** Canonical value (e.g. "HD-123456", the list value for a synonym, "12.50 GBP" for money: see above). */
  value: string;
  /** The text as typed. */
  text: string;
  start: number;
  /** Money: the amount as a number (1299) and its ISO 4217 currency ("USD"). */
  amount?: number;
  currency?: string;
  /** Phone: the country whose numbering plan accepted it (ISO 3166 alpha-2). */
  country?: string;
}

export interface EntityOptions {
  /** The message's language ('en', 'es'...): date words and the decimal mark. Default 'en'. */
  locale?: string;
  /** The shop's local calendar day, "YYYY-MM-DD", that relative dates are read from. */
  today?: string;
  /** The shop's region (settings.storeRegion): national phone numbers, "$", "3/4" in English. */
  region?: string;
  /** The shop's other countries (settings.shopCountries): national numbers tried after the region. */
  regions?: readonly string[];
  /** Compiled regex entities of the knowledge base (compileEntityRegex), by name. */
  compiled?: Map<string, RegExp>;
}

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g;
// The shop's own order pattern first ("HD-123456", "hd 1234567"); a plain 6-8 digit number standing
// alone only after phones and cards have claimed their digits ("07700 900123" is not order 900123).
const ORDER_PREFIXED = /\b(hd)[\s-]?(\d{6,8})\b/gi;
const ORDER_PLAIN = /\b(\d{6,8})\b/g;
/** How a valid order number looks, in words (said when a customer's value does not fit). */
export const ORDER_NUMBER_SHAPE = 'HD-123456, or 6 to 8 digits on their own';
// Something the customer may mean as a reference: letters, an optional dash, digits ("A-12345").
const REFERENCE_LIKE = /\b[A-Za-z]{1,4}-?\d{3,12}\b|\b\d{3,12}\b/g;
// Card numbers (13-19 digits, spaces or dashes between groups, Luhn-valid): claimed so that no
// order number or phone is read out of them; not offered as an entity.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}|\+\d{9,14}|\b\d{9,12}\b/g;
/** libphonenumber reads per message (each well under a millisecond); later candidates keep their digits. */
const MAX_PHONE_READS = 8;

function overlaps(taken: [number, number][], s: number, e: number): boolean {
  return taken.some(([a, b]) => s < b && e > a);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A span claimed with no entity ("por la mañana": the morning, so "mañana" in it is not tomorrow). */
const CLAIM_ONLY = Symbol('claim');
type Reading = string | (Partial<Entity> & { value: string }) | typeof CLAIM_ONLY | null;

/** The regions a national phone number is read in, the store's first; only plans libphonenumber knows. */
function phoneRegions(options: EntityOptions): CountryCode[] {
  const all = [options.region, ...(options.regions ?? [])].filter((r): r is string => typeof r === 'string');
  return [...new Set(all)].filter((r): r is CountryCode => isSupportedCountry(r));
}

/** A phone candidate in the first plan that accepts it (E.164 and country), or null. */
function readPhone(typed: string, regions: readonly CountryCode[]): { value: string; country: string } | null {
  const t = typed.trim();
  // "0034 ..." is the international prefix of most of Europe: read it as "+34 ...".
  const forms = t.startsWith('00') ? [`+${t.slice(2)}`, t] : [t];
  const valid = (p: PhoneNumber | undefined): p is PhoneNumber => p !== undefined && p.isValid() && p.country !== undefined;
  for (const form of forms) {
    if (form.startsWith('+')) {
      const p = parsePhoneNumberFromString(form);
      if (valid(p)) return { value: p.number, country: p.country as string };
      continue;
    }
    for (const region of regions) {
      const p = parsePhoneNumberFromString(form, region);
      if (valid(p)) return { value: p.number, country: p.country as string };
    }
  }
  return null;
}

/** Extracts entities; never throws. Built-ins that claim a span stop weaker built-ins reusing it. */
export function extractEntities(input: unknown, defs: readonly EntityDef[] = [], options: EntityOptions = {}): Entity[] {
  if (typeof input !== 'string' || input.length === 0) return [];
  try {
    return extract(input, defs, options);
  } catch {
    // A bad locale tag or a library failure must not take the turn down: no entities, as for empty text.
    return [];
  }
}

function extract(input: string, defs: readonly EntityDef[], options: EntityOptions): Entity[] {
  const text = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
  const locale = options.locale ?? 'en';
  const out: Entity[] = [];
  const taken: [number, number][] = [];
  const scan = (re: RegExp, entity: string, canon: (m: RegExpExecArray) => Reading): void => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(text)) !== null && guard++ < 200) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const s = m.index;
      const e = s + m[0].length;
      if (overlaps(taken, s, e)) continue;
      const reading = canon(m);
      if (reading === null) continue;
      taken.push([s, e]);
      if (reading === CLAIM_ONLY) continue;
      out.push(typeof reading === 'string' ? { entity, value: reading, text: m[0], start: s } : { entity, ...reading, text: m[0], start: s });
    }
  };
  // Order matters: a span claimed by an e-mail, the shop's order pattern, a card or a phone is
  // never read again by a weaker pattern.
  scan(EMAIL, 'email', (m) => m[0].toLowerCase());
  scan(ORDER_PREFIXED, 'order_number', (m) => `HD-${m[2] as string}`);
  scan(CARD, 'card', (m) => (luhn(m[0].replace(/\D/g, '')) ? m[0].replace(/\D/g, '') : null));
  scan(MONEY, 'money', (m) => {
    const g = m.groups ?? {};
    const parsed = parseAmount((g.a1 ?? g.a2 ?? '') as string);
    if (!parsed) return null;
    const currency = currencyOf((g.pre ?? g.post ?? '') as string, options.region);
    return { value: `${parsed.digits} ${currency}`, amount: parsed.amount, currency };
  });
  const regions = phoneRegions(options);
  let phoneReads = 0;
  scan(PHONE, 'phone', (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 15) return null;
    const read = phoneReads++ < MAX_PHONE_READS ? readPhone(m[0], regions) : null;
    return read ?? (m[0].trim().startsWith('+') ? '+' : '') + digits;
  });
  scan(ORDER_PLAIN, 'order_number', (m) => m[1] as string);
  scan(dateRegex(locale), 'datetime', (m) => {
    const r = readDate(m, locale, options);
    if (r === null) return null;
    if ('none' in r) return CLAIM_ONLY;
    if ('day' in r) return r.day;
    if ('time' in r) return r.time;
    return m[0].toLowerCase().replace(/\s+/g, ' ');
  });
  const numbers = numberReader(locale);
  scan(numbers.re, 'number', (m) => canonicalNumber(m[0], numbers.decimal));
  // Knowledge-base entities may overlap built-ins (a list value "4k" next to a number): own spans only.
  const norm = ` ${normalizeText(text)} `;
  for (const def of defs) {
    if (def.kind === 'list') {
      for (const v of def.values) {
        for (const syn of [v.value, ...v.synonyms]) {
          const ns = normalizeText(syn);
          if (ns.length === 0) continue;
          const at = norm.indexOf(` ${ns} `);
          if (at >= 0) {
            out.push({ entity: def.name, value: v.value, text: syn, start: Math.max(0, at - 1) });
            break;
          }
        }
      }
    } else {
      const re = options.compiled?.get(def.name) ?? compileEntityRegex(def);
      if (!re) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let guard = 0;
      while ((m = re.exec(text)) !== null && guard++ < 50) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push({ entity: def.name, value: m[0], text: m[0], start: m.index });
      }
    }
  }
  // Card numbers only guard their span: nothing downstream asks for them, and they must not travel.
  return out.filter((e) => e.entity !== 'card').sort((a, b) => a.start - b.start || (a.entity < b.entity ? -1 : 1));
}

/**
 * What the customer typed that looks like a reference (letters and digits, "A-12345") but is not
 * a valid value of the built-in entity: outside e-mails, phones and cards. Null when nothing does.
 */
export function referenceCandidate(input: string): string | null {
  const text = input.slice(0, MAX_INPUT_CHARS);
  const claimed = extractEntities(text).filter((e) => e.entity === 'email' || e.entity === 'phone' || e.entity === 'order_number');
  const taken: [number, number][] = claimed.map((e) => [e.start, e.start + e.text.length]);
  CARD.lastIndex = 0;
  for (let m = CARD.exec(text); m !== null; m = CARD.exec(text)) taken.push([m.index, m.index + m[0].length]);
  REFERENCE_LIKE.lastIndex = 0;
  for (let m = REFERENCE_LIKE.exec(text); m !== null; m = REFERENCE_LIKE.exec(text)) {
    if (!overlaps(taken, m.index, m.index + m[0].length)) return m[0];
  }
  return null;
}

/** Compiles a regex entity with the global flag (null when the pattern is invalid). */
export function compileEntityRegex(def: { pattern: string; flags?: string }): RegExp | null {
  try {
    const flags = new Set(((def.flags ?? '') + 'g').split(''));
    return new RegExp(def.pattern, [...flags].filter((f) => 'gimsu'.includes(f)).join(''));
  } catch {
    return null;
  }
}

/**
 * A cheap guard against catastrophic backtracking in shop-owner patterns: a quantified group that
 * itself contains a quantifier ("(a+)+", "(\w*)*") is refused at validation time.
 */
export function looksCatastrophic(pattern: string): boolean {
  return /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/.test(pattern);
}
