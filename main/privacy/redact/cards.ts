/**
 * Payment card numbers: 13-19 digits, optionally grouped by single spaces or dashes, accepted only
 * when the Luhn check passes AND the prefix falls in a known issuer (IIN) range for that length.
 * Both checks together keep order numbers, phone numbers and random digit runs out.
 */
import type { Candidate } from './types';

/** Luhn (mod 10) check over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnDigits(digits);
}

/** Luhn over a string already known to be ASCII digits (the hot path: every window of a digit run). */
function luhnDigits(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

interface IinRule {
  brand: CardBrand;
  /** Inclusive prefix ranges, compared on the first `len(lo)` digits. */
  ranges: [string, string][];
  lengths: number[];
}

const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

// Issuer ranges as published by the networks (summarised on Wikipedia "Payment card number").
const IIN_RULES: IinRule[] = [
  { brand: 'visa', ranges: [['4', '4']], lengths: [13, 16, 19] },
  { brand: 'mastercard', ranges: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { brand: 'amex', ranges: [['34', '34'], ['37', '37']], lengths: [15] },
  {
    brand: 'discover',
    ranges: [['6011', '6011'], ['644', '649'], ['65', '65'], ['622126', '622925']],
    lengths: range(16, 19),
  },
  { brand: 'jcb', ranges: [['3528', '3589']], lengths: range(16, 19) },
  { brand: 'diners', ranges: [['300', '305'], ['3095', '3095'], ['36', '36'], ['38', '39']], lengths: range(14, 19) },
  { brand: 'unionpay', ranges: [['62', '62'], ['81', '81']], lengths: range(16, 19) },
  {
    brand: 'maestro',
    ranges: [['5018', '5018'], ['5020', '5020'], ['5038', '5038'], ['5893', '5893'], ['6304', '6304'],
      ['6759', '6759'], ['6761', '6763'], ['56', '58'], ['6390', '6390']],
    lengths: range(13, 19),
  },
];

/**
 * The rules' ranges indexed by card length and first digit, in the rules' order. A hostile run of
 * short digit groups ("1 1 1 ...", "42 42 ...") asks for hundreds of thousands of windows; walking
 * every rule and slicing per range for each one cost ~0.5 s per 100 kB, this lookup costs nothing
 * for a first digit no issuer uses and one or two comparisons otherwise.
 */
const BY_LENGTH_AND_FIRST = new Map<string, { lo: string; hi: string; brand: CardBrand }[]>();
for (const rule of IIN_RULES) {
  for (const length of rule.lengths) {
    for (const [lo, hi] of rule.ranges) {
      for (let first = Number(lo[0]); first <= Number(hi[0]); first++) {
        const key = `${length}:${first}`;
        let list = BY_LENGTH_AND_FIRST.get(key);
        if (!list) BY_LENGTH_AND_FIRST.set(key, (list = []));
        list.push({ lo, hi, brand: rule.brand });
      }
    }
  }
}

/** First digits some issuer uses: a window starting with another digit is no card at any length. */
const ISSUER_FIRST_DIGITS = new Set([...BY_LENGTH_AND_FIRST.keys()].map((k) => k.slice(k.indexOf(':') + 1)));

/** The brand whose IIN range and length fit `digits`, or null. Does not check Luhn. */
export function cardBrand(digits: string): CardBrand | null {
  const ranges = BY_LENGTH_AND_FIRST.get(`${digits.length}:${digits.charAt(0)}`);
  if (!ranges) return null;
  for (const { lo, hi, brand } of ranges) {
    const p = digits.slice(0, lo.length);
    if (p.length === lo.length && p >= lo && p <= hi) return brand;
  }
  return null;
}

/** True when `digits` (ASCII digits only) is a plausible real card number. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && /^\d+$/.test(digits) && cardBrand(digits) !== null && luhnDigits(digits);
}

// A run of digit groups joined by ONE space or dash. Bounded per start, so the scan is linear.
const GROUP_RUN = /\d+(?:[ \-]\d+)*/g;

interface Group {
  start: number;
  end: number;
  digits: string;
}

// Printed layouts with any separator, mixed or not (issue 14: "4111-1111 1111.1111", "4111/1111/..."):
// 4-4-4-1..7 or Amex/Diners 4-6-4/5. Only these fixed shapes, so dates and decimals stay out.
const MIXED_LAYOUT =
  /(?<![\p{L}\p{N}_.,\/])(?:\d{4}(?:[ \-.\/]{1,2}\d{4}){2}[ \-.\/]{1,2}\d{1,7}|\d{4}[ \-.\/]{1,2}\d{6}[ \-.\/]{1,2}\d{4,5})(?![\p{N}_]|[.,\/]\d)/gu;

/**
 * Finds Luhn-valid, IIN-valid card numbers; the placeholder keeps the last 4 digits. `mixed` adds the
 * printed layouts with any separators (off only for the previous redactor kept for the bench).
 */
export function detectCards(text: string, mixed = true): Candidate[] {
  const out: Candidate[] = [];
  if (mixed) {
    MIXED_LAYOUT.lastIndex = 0;
    let x: RegExpExecArray | null;
    while ((x = MIXED_LAYOUT.exec(text)) !== null) {
      const digits = x[0].replace(/\D/g, '');
      if (!isCardNumber(digits)) continue;
      out.push({ type: 'card', start: x.index, end: x.index + x[0].length, placeholder: `[card ••${digits.slice(-4)}]` });
    }
  }
  GROUP_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GROUP_RUN.exec(text)) !== null) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    // A card never glues onto a word or a decimal ("SKU4111...", "1.4111..."): checked per window,
    // since a run can hold other numbers too ("$1,299.99 4111 1111 1111 1111").
    const badStart = /[\p{L}\p{N}_.,\/]/u.test(text.charAt(runStart - 1));
    // Letters right after are tolerated ("4111111111111111exp 12/27"): Luhn + IIN carry the weight.
    const after = text.charAt(runEnd);
    const badEnd = /[\p{N}_]/u.test(after) || ((after === '.' || after === ',') && /\d/.test(text.charAt(runEnd + 1)));
    const groups: Group[] = [];
    const re = /\d+/g;
    let g: RegExpExecArray | null;
    while ((g = re.exec(m[0])) !== null) {
      groups.push({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] });
    }
    out.push(...cardsInGroups(groups, badStart, badEnd));
  }
  return out;
}

/** Printed card layouts: one block, 4-4-4-4(-3), or Amex/Diners 4-6-5 / 4-6-4. */
function cardLikeGrouping(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  return lengths.every((l, k) => (k < lengths.length - 1 ? l === 4 : l >= 1 && l <= 4));
}

/**
 * Every group-aligned window of 13-19 valid digits is a candidate (at most 19 per start, so the work
 * is linear). Windows laid out like a printed card win over odd slices of a longer run, then longer
 * over shorter, then leftmost; overlapping losers are dropped.
 */
function cardsInGroups(groups: Group[], badStart: boolean, badEnd: boolean): Candidate[] {
  const windows: { i: number; j: number; digits: string; score: number }[] = [];
  for (let i = badStart ? 1 : 0; i < groups.length; i++) {
    if (!ISSUER_FIRST_DIGITS.has((groups[i] as Group).digits.charAt(0))) continue;
    let acc = '';
    const lengths: number[] = [];
    for (let j = i; j < groups.length && acc.length <= 19; j++) {
      const d = (groups[j] as Group).digits;
      acc += d;
      lengths.push(d.length);
      if (acc.length < 13 || acc.length > 19) continue;
      if (j === groups.length - 1 && badEnd) continue;
      // acc is ASCII digits by construction (groups come from /\d+/), so the regex check is skipped.
      if (cardBrand(acc) === null || !luhnDigits(acc)) continue;
      windows.push({ i, j, digits: acc, score: (cardLikeGrouping(lengths) ? 100 : 0) + acc.length });
    }
  }
  windows.sort((a, b) => b.score - a.score || a.i - b.i);
  const used = new Uint8Array(groups.length);
  const out: Candidate[] = [];
  for (const w of windows) {
    let free = true;
    for (let k = w.i; k <= w.j && free; k++) if (used[k]) free = false;
    if (!free) continue;
    used.fill(1, w.i, w.j + 1);
    const start = (groups[w.i] as Group).start;
    const end = (groups[w.j] as Group).end;
    out.push({ type: 'card', start, end, placeholder: `[card ••${w.digits.slice(-4)}]` });
  }
  return out.sort((a, b) => a.start - b.start);
}
