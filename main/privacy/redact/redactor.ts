/**
 * The redactor: runs the enabled detectors, resolves overlaps and writes typed placeholders.
 * `createRedactor` validates options once (custom patterns are probed in a worker, which costs a few
 * milliseconds), `redact` caches redactors by their options so callers can pass options every time.
 */
import { AppFailure } from '../../../shared/result';
import { detectPostcodes, detectStreets } from './address';
import { BRANDS } from './brands';
import { detectCards } from './cards';
import { compileCustomPatterns, detectCustom, type CompiledCustomPattern } from './custom';
import { detectDatesOfBirth } from './dob';
import { detectEmails, detectSpelledEmails } from './email';
import { foldText, unfoldSpan } from './fold';
import { detectIbans } from './iban';
import { detectIps } from './ip';
import { detectNames } from './names';
import { detectPhones, isPhoneRegion, type CountryCode } from './phone';
import { detectCuedPhones } from './phone-cue';
import { resolveOverlaps } from './resolve';
import { detectSsns } from './ssn';
import { PII_TYPES, type Candidate, type Finding, type PiiType, type RedactionOptions, type RedactionResult } from './types';

/** Inputs longer than this are refused with 'too_large' (a chat message is far smaller). */
export const MAX_REDACT_INPUT = 1_000_000;
export const DEFAULT_REGION = 'US';
/** At most this many extra phone countries: each one costs matcher calls on digit runs that are not phones. */
export const MAX_PHONE_COUNTRIES = 8;

/** The detector types before issue 12; the "previous" redactor (bench baseline) knows only these. */
const PREVIOUS_TYPES: readonly PiiType[] = ['email', 'phone', 'card', 'iban', 'ssn', 'ip', 'custom'];

export type Redactor = (text: string) => RedactionResult;

interface Validated {
  region: CountryCode;
  countries: CountryCode[];
  on: Set<PiiType>;
  custom: CompiledCustomPattern[];
}

function validate(options: RedactionOptions, known: readonly PiiType[]): Validated {
  const raw = (options.region ?? DEFAULT_REGION).toUpperCase();
  if (!/^[A-Z]{2}$/.test(raw) || !isPhoneRegion(raw)) {
    throw new AppFailure('invalid_input', `Unknown region "${options.region}" (expected an ISO 3166 alpha-2 code)`, {
      details: [{ path: 'region', message: 'not a supported ISO 3166 alpha-2 code', code: 'unknown_region', params: { region: String(options.region) } }],
    });
  }
  const countries: Validated['countries'] = [];
  const list = options.countries ?? [];
  if (list.length > MAX_PHONE_COUNTRIES) {
    throw new AppFailure('invalid_input', `At most ${MAX_PHONE_COUNTRIES} shop countries are allowed`, { details: [{ path: 'countries', message: 'too many' }] });
  }
  for (const c of list) {
    const up = String(c).toUpperCase();
    if (!/^[A-Z]{2}$/.test(up) || !isPhoneRegion(up)) {
      throw new AppFailure('invalid_input', `Unknown country "${String(c)}" (expected an ISO 3166 alpha-2 code)`, { details: [{ path: 'countries', message: String(c), code: 'unknown_country', params: { country: String(c) } }] });
    }
    if (up !== raw && !countries.includes(up)) countries.push(up);
  }
  const types = options.types ?? known;
  for (const t of types) {
    if (!(PII_TYPES as readonly string[]).includes(t)) {
      throw new AppFailure('invalid_input', `Unknown PII type "${String(t)}"`, { details: [{ path: 'types', message: String(t) }] });
    }
  }
  const on = new Set<PiiType>(types.filter((t) => known.includes(t)));
  const custom: CompiledCustomPattern[] = on.has('custom') ? compileCustomPatterns(options.custom ?? []) : [];
  return { region: raw, countries, on, custom };
}

/** Lower-cased, folded allow-list: single words block name words; phrases protect whole spans. */
interface AllowList {
  words: Set<string>;
  phrases: string[];
}

function allowList(entries: readonly string[]): AllowList {
  const words = new Set<string>();
  const phrases: string[] = [];
  for (const e of [...BRANDS, ...entries]) {
    if (typeof e !== 'string') continue;
    const n = foldText(e).text.toLowerCase().replace(/\s+/g, ' ').trim();
    if (n.length === 0 || n.length > 200) continue;
    if (n.includes(' ')) phrases.push(n);
    else words.add(n);
  }
  return { words, phrases };
}

/** A name, street or postcode that is (part of) an allowed phrase, or holds one, is the shop's own. */
function allowedSpan(c: Candidate, text: string, allow: AllowList): boolean {
  if (c.type !== 'name' && c.type !== 'address' && c.type !== 'postcode') return false;
  const t = text.slice(c.start, c.end).toLowerCase().replace(/\s+/g, ' ');
  if (allow.words.has(t)) return true;
  // Whole words only: "american express" must not protect a customer called Eric.
  const padded = ` ${t} `;
  for (const p of allow.phrases) {
    if (` ${p} `.includes(padded)) return true;
    if (c.type === 'address' && padded.includes(` ${p} `)) return true;
  }
  return false;
}

export function createRedactor(options: RedactionOptions = {}): Redactor {
  return build(options, 'current');
}

/**
 * The redactor as it was before issue 12 / issue 14 item 7 (no folding, no mixed card separators,
 * no spelled-out e-mails, phones in the store region only, none of the new types). Kept callable so
 * the bench can put today's detector beside it in the same run; the app never uses it.
 */
export function createPreviousRedactor(options: RedactionOptions = {}): Redactor {
  return build(options, 'previous');
}

function build(options: RedactionOptions, generation: 'current' | 'previous'): Redactor {
  const current = generation === 'current';
  const { region, countries, on, custom } = validate(options, current ? PII_TYPES : PREVIOUS_TYPES);
  const allow = allowList(options.allow ?? []);

  return (input: string): RedactionResult => {
    if (typeof input !== 'string') throw new AppFailure('invalid_input', 'Text to redact must be a string');
    if (input.length > MAX_REDACT_INPUT) {
      throw new AppFailure('too_large', `Text to redact is over ${MAX_REDACT_INPUT} characters`);
    }
    if (input.length === 0) return { text: '', findings: [] };
    const folded = current ? foldText(input) : { text: input, origStart: null, origEnd: null };
    const text = folded.text;
    const candidates: Candidate[] = [];
    // Custom patterns see what was typed: the owner wrote them against the original text.
    if (custom.length > 0) {
      for (const c of detectCustom(input, custom)) candidates.push(refold(c, folded));
    }
    const cards = on.has('card') ? detectCards(text, current) : [];
    const ibans = on.has('iban') ? detectIbans(text) : [];
    candidates.push(...cards, ...ibans);
    if (on.has('ssn')) candidates.push(...detectSsns(text));
    if (on.has('email')) {
      candidates.push(...detectEmails(text));
      if (current) candidates.push(...detectSpelledEmails(text));
    }
    if (on.has('ip')) candidates.push(...detectIps(text));
    if (on.has('phone')) {
      // Digits inside a card or IBAN are not read as phones (they would lose to it anyway).
      candidates.push(...detectPhones(text, region, current ? countries : [], current ? [...cards, ...ibans] : []));
      if (current) candidates.push(...detectCuedPhones(text));
    }
    if (on.has('dob')) candidates.push(...detectDatesOfBirth(text));
    let streets: Candidate[] = [];
    if (on.has('address') || on.has('postcode')) streets = detectStreets(text).filter((c) => !allowedSpan(c, text, allow));
    if (on.has('address')) candidates.push(...streets);
    if (on.has('postcode')) {
      const codes = detectPostcodes(text, { streetEnds: streets.map((c) => c.end) });
      candidates.push(...codes.filter((c) => !allowedSpan(c, text, allow)));
    }
    if (on.has('name')) candidates.push(...detectNames(text, { allow: allow.words }).filter((c) => !allowedSpan(c, text, allow)));
    const kept = resolveOverlaps(candidates, text.length).map((c) => unfold(c, folded));
    return { text: applyPlaceholders(input, kept), findings: kept.map(toFinding) };
  };
}

function unfold(c: Candidate, folded: ReturnType<typeof foldText>): Candidate {
  if (!folded.origStart) return c;
  const { start, end } = unfoldSpan(folded, c.start, c.end);
  return { ...c, start, end };
}

/** An original-text span in folded coordinates (for custom patterns matched on the original). */
function refold(c: Candidate, folded: ReturnType<typeof foldText>): Candidate {
  const map = folded.origStart;
  const ends = folded.origEnd;
  if (!map || !ends) return c;
  let s = 0;
  while (s < map.length && (map[s] as number) < c.start) s++;
  let e = s;
  while (e < ends.length && (ends[e] as number) <= c.end) e++;
  return { ...c, start: s, end: Math.max(e, s + 1 <= map.length ? e : s) };
}

function toFinding(c: Candidate): Finding {
  const f: Finding = { type: c.type, start: c.start, end: c.end, placeholder: c.placeholder };
  if (c.name !== undefined) f.name = c.name;
  return f;
}

/** Replaces each (non-overlapping, sorted) span with its placeholder. */
export function applyPlaceholders(text: string, findings: readonly { start: number; end: number; placeholder: string }[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const f of findings) {
    parts.push(text.slice(pos, f.start), f.placeholder);
    pos = f.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

const cache = new Map<string, Redactor>();
const CACHE_SIZE = 16;

/**
 * Redacts PII from `text`. Throws AppFailure('invalid_input') for bad options (unknown region or
 * type, invalid/empty-matching/catastrophic custom pattern) and AppFailure('too_large') over
 * MAX_REDACT_INPUT characters; never throws for any string content within the limit.
 */
export function redact(text: string, options: RedactionOptions = {}): RedactionResult {
  const key = JSON.stringify([options.region ?? DEFAULT_REGION, options.types ?? null, options.custom ?? [], options.countries ?? [], options.allow ?? []]);
  let r = cache.get(key);
  if (!r) {
    r = createRedactor(options);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r(text);
}
