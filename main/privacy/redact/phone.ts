/**
 * Phone numbers via libphonenumber-js (full "max" metadata, so numbers are checked against each
 * country's real number plan, not just length). The store's region is the default country for
 * national formats; "+CC" and "00CC" forms are accepted in any region.
 *
 * libphonenumber's matcher is slow on digit/punctuation runs of short groups (1-3 ms per call on
 * "12 12 12...", even a 16-character one), so it only runs on short windows around "digit clusters"
 * found by a linear scan, at most MAX_MATCHER_CALLS times and for at most MAX_MATCHER_MS of matcher
 * time per message. Past either budget (only hostile or huge pasted input gets there) the remaining
 * clusters of 7+ digits are redacted whole: fail closed, bounded time. The call budget alone did
 * not bound the time (250 pathological calls took 350-790 ms on a shared 2-core machine); the time
 * budget makes which clusters are read exactly depend on the machine's speed, for such input only
 * (it counts only after MIN_CALLS_BEFORE_DEADLINE calls), and either way more is masked, never less.
 */
import { findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { identifierContextBefore, unitAfter } from './context';
import type { Candidate } from './types';

export type { CountryCode };

// A run that could hold a phone number: optional '+' or '(' then digits and phone punctuation,
// ending on a digit. No newlines: a number never spans lines.
const CLUSTER = /[+\uFF0B(]?\p{Nd}[\p{Nd} \u00A0\t().\-\/\u2010-\u2015]*\p{Nd}/gu;
const WINDOW = 64;
const STEP = 32;
const CONTEXT_CHARS = 4;
/** libphonenumber calls per message before falling back to whole-cluster redaction. */
export const MAX_MATCHER_CALLS = 250;
/** Matcher time per message before the same fallback (a real message needs well under 1 ms). */
export const MAX_MATCHER_MS = 80;
const MAX_PHONE_DIGITS = 17;
// Room after a cluster for an extension ("x204", "ext. 12"), which libphonenumber includes.
const EXTENSION_CHARS = 12;

const DATE_LIKE = /^\(?\d{1,4}\)?[.\/\- ]\d{1,2}[.\/\- ]\d{1,4}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

interface Budget {
  calls: number;
  /** performance.now() after which no more matcher calls are made. */
  deadline: number;
}

/**
 * Calls a message may always make before the time budget counts. An ordinary message (a few digit
 * runs, each read in up to four plans) stays under it, so what is masked in it never depends on
 * how busy the machine is: on a loaded machine (a descheduled thread, a GC pause) the deadline used
 * to pass inside a one-line message and mask "order 4839201" whole.
 */
export const MIN_CALLS_BEFORE_DEADLINE = 24;

/** True once the calls or the matcher time of this message are used up. */
function spent(b: Budget): boolean {
  return b.calls <= 0 || (MAX_MATCHER_CALLS - b.calls >= MIN_CALLS_BEFORE_DEADLINE && performance.now() > b.deadline);
}

/** A span of the text (a card or IBAN already found). */
export interface Span {
  start: number;
  end: number;
}

/**
 * `region` is the store's own plan; `others` (the shop's countries, issue 12) are tried in order on a
 * short cluster only when the plans before them found nothing in it, so a number is read in the
 * first plan that accepts it and the extra cost falls only on digit runs that are not phones.
 * Clusters inside a `covered` span (cards, IBANs) are not read.
 */
export function detectPhones(text: string, region: CountryCode, others: readonly CountryCode[] = [], covered: readonly Span[] = []): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const budget: Budget = { calls: MAX_MATCHER_CALLS, deadline: performance.now() + MAX_MATCHER_MS };
  CLUSTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLUSTER.exec(text)) !== null) {
    const cs = m.index;
    const ce = cs + m[0].length;
    const digits = countDigits(m[0]);
    if (digits < 6) continue;
    // One unbroken block longer than any phone number (with country code) is not a phone.
    if (digits === ce - cs && digits > MAX_PHONE_DIGITS) continue;
    // Inside a validated card or IBAN: any phone read there would be shorter or as long, and lose
    // to it (resolve.ts). Reading it anyway cost up to 40 matcher calls, ~5 ms, per card number.
    if (covered.some((c) => c.start <= cs && ce <= c.end)) continue;
    if (spent(budget)) {
      if (digits >= 7) out.push({ type: 'phone', start: cs, end: ce, placeholder: '[phone]' });
      continue;
    }
    if (ce - cs <= WINDOW) {
      const before = out.length;
      // Where the reading stopped: the cluster's end, or earlier when the budget ran out in it.
      let stop = scanShortCluster(text, cs, ce, region, out, seen, budget);
      for (const other of others) {
        if (out.length > before || stop < ce) break;
        // Plans left untried on a cluster nothing matched yet: it has not been read in full.
        if (spent(budget)) {
          stop = cs;
          break;
        }
        stop = scanShortCluster(text, cs, ce, other, out, seen, budget);
      }
      // Fail closed on what the budget left unread, as for the clusters after it; where no plan
      // found anything and the shop's plans were never tried, that is the whole cluster.
      if (stop < ce) {
        const from = out.length === before && others.length > 0 ? cs : stop;
        if (countDigits(text.slice(from, ce)) >= 7) out.push({ type: 'phone', start: from, end: ce, placeholder: '[phone]' });
      }
    } else {
      for (let ws = cs; ws < ce; ws += STEP) {
        if (spent(budget)) {
          out.push({ type: 'phone', start: ws, end: ce, placeholder: '[phone]' });
          break;
        }
        const we = Math.min(ce, ws + WINDOW);
        // Window edges inside the cluster may cut a number: only whole matches away from them count.
        scanWindow(text, { ws, we, leftCtx: ws === cs, rightCtx: we === ce, strictEdges: true }, region, out, seen, budget);
        if (we === ce) break;
      }
    }
  }
  return out;
}

/**
 * A short cluster may hold several numbers side by side ("+44 20 7946 0018 536-22-1987"), which
 * libphonenumber only splits in some shapes. When the whole cluster yields nothing, try prefixes
 * that end at a space (longest first), then continue after what was found, or after the first token.
 * Returns where reading stopped: `ce`, or the start of what the budget left unread.
 */
function scanShortCluster(
  text: string,
  cs: number,
  ce: number,
  region: CountryCode,
  out: Candidate[],
  seen: Set<string>,
  budget: Budget,
): number {
  let pos = cs;
  while (pos < ce) {
    if (countDigits(text.slice(pos, ce)) < 6) return ce;
    if (spent(budget)) return pos;
    const whole = scanWindow(text, { ws: pos, we: ce, leftCtx: pos === cs, rightCtx: true, strictEdges: false }, region, out, seen, budget);
    if (whole > 0) return ce;
    const spaces: number[] = [];
    for (let i = pos + 1; i < ce; i++) if (/\s/.test(text.charAt(i)) && !/\s/.test(text.charAt(i - 1))) spaces.push(i);
    let next = -1;
    for (let k = spaces.length - 1; k >= 0 && !spent(budget); k--) {
      const b = spaces[k] as number;
      if (countDigits(text.slice(pos, b)) < 6) break;
      const found = scanWindow(text, { ws: pos, we: b, leftCtx: pos === cs, rightCtx: false, strictEdges: false }, region, out, seen, budget);
      if (found > 0) {
        next = b;
        break;
      }
    }
    // The prefixes were cut short by the budget: this part was not read in full.
    if (next < 0 && spent(budget)) return pos;
    if (next < 0) next = spaces[0] ?? ce;
    pos = next;
    while (pos < ce && /\s/.test(text.charAt(pos))) pos++;
  }
  return ce;
}

interface WindowSpec {
  ws: number;
  we: number;
  /** Give libphonenumber a few characters before / after (only at real cluster edges). */
  leftCtx: boolean;
  rightCtx: boolean;
  /** Drop matches touching a window edge (used for overlapping windows over a long cluster). */
  strictEdges: boolean;
}

/** Runs the matcher on one window; pushes accepted phones and returns how many it pushed. */
function scanWindow(
  text: string,
  w: WindowSpec,
  region: CountryCode,
  out: Candidate[],
  seen: Set<string>,
  budget: Budget,
): number {
  budget.calls--;
  const { ws, we } = w;
  const from = w.leftCtx ? Math.max(0, ws - CONTEXT_CHARS) : ws;
  const to = w.rightCtx ? Math.min(text.length, we + EXTENSION_CHARS) : we;
  const slice = text.slice(from, to);
  let hits = safeFind(slice, region);
  // "0044 20 7946 0958" in a region whose international prefix is not 00 (US dials 011).
  if (hits.length === 0) {
    const rel = ws - from;
    const sub = slice.slice(rel);
    const dz = /^00(?=[1-9])/.exec(sub);
    if (dz) {
      // ' +' has the same length as '00', so offsets carry over; a hit on the '+' starts at the '00'.
      hits = safeFind(slice.slice(0, rel) + ' +' + sub.slice(2), region).map((h) => ({
        start: h.start === rel + 1 ? rel : h.start,
        end: h.end,
      }));
    }
  }
  let pushed = 0;
  for (const h of hits) {
    const start = from + h.start;
    const end = from + h.end;
    if (w.strictEdges && ((start <= ws && !w.leftCtx) || (end >= we && !w.rightCtx))) continue;
    if (start < ws || (end > we && !w.rightCtx)) continue;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    if (!acceptPhone(text, start, end, region)) continue;
    seen.add(key);
    out.push({ type: 'phone', start, end, placeholder: '[phone]' });
    pushed++;
  }
  return pushed;
}

function safeFind(slice: string, region: CountryCode): Span[] {
  try {
    return findPhoneNumbersInText(slice, { defaultCountry: region }).map((f) => ({ start: f.startsAt, end: f.endsAt }));
  } catch {
    return [];
  }
}

const NOT_DIGIT = /\P{Nd}/gu;

/** Decimal digits of any script in `s` (one regex pass: a per-character test cost ~13 ms per 100 kB). */
function countDigits(s: string): number {
  return s.replace(NOT_DIGIT, '').length;
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** Look-alike filters libphonenumber does not apply: dates, identifiers, prices, bare locals. */
function acceptPhone(text: string, start: number, end: number, region: CountryCode): boolean {
  const raw = text.slice(start, end);
  if (DATE_LIKE.test(raw) || ISO_DATE.test(raw)) return false;
  if (identifierContextBefore(text, start) || unitAfter(text, end)) return false;
  if (raw.includes('+') || /^\(?00[1-9]/.test(raw)) return true;
  // A national number must be written the national way: "030 1234567" in Germany, not "301234567"
  // (which is more likely an order or account number).
  const parsed = safeParse(raw, region);
  if (!parsed) return false;
  let d = digitsOf(raw);
  if (parsed.ext) d = d.slice(0, d.length - parsed.ext.length);
  const national = digitsOf(parsed.national);
  if (d.endsWith(national) && d.length >= national.length) return true;
  return d.endsWith(parsed.international);
}

function safeParse(raw: string, region: CountryCode): { national: string; international: string; ext: string } | null {
  try {
    const found = findPhoneNumbersInText(raw, { defaultCountry: region })[0];
    if (!found) return null;
    const n = found.number;
    // formatNational() would append the extension; re-parse the E.164 form (which has none).
    const national = n.ext ? (parsePhoneNumberFromString(n.number)?.formatNational() ?? '') : n.formatNational();
    return { national, international: `${n.countryCallingCode}${n.nationalNumber}`, ext: n.ext ?? '' };
  } catch {
    return null;
  }
}
