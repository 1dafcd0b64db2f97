/**
 * Payment card numbers: 13-19 digits, optionally grouped by single spaces or dashes, accepted only
 * when the Luhn check passes AND the prefix falls in a known issuer (IIN) range for that length.
 * Both checks together keep order numbers, phone numbers and random digit runs out.
 */
import type { Candidate } from './types';

/** Luhn (mod 10) check over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
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

/** The brand whose IIN range and length fit `digits`, or null. Does not check Luhn. */
export function cardBrand(digits: string): CardBrand | null {
  for (const rule of IIN_RULES) {
    if (!rule.lengths.includes(digits.length)) continue;
    for (const [lo, hi] of rule.ranges) {
      const p = digits.slice(0, lo.length);
      if (p.length === lo.length && p >= lo && p <= hi) return rule.brand;
    }
  }
  return null;
}

/** True when `digits` (ASCII digits only) is a plausible real card number. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardBrand(digits) !== null && luhnValid(digits);
}

// A run of digit groups joined by ONE space or dash. Bounded per start, so the scan is linear.
const GROUP_RUN = /\d+(?:[ \-]\d+)*/g;

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Finds Luhn-valid, IIN-valid card numbers; the placeholder keeps the last 4 digits. */
export function detectCards(text: string): Candidate[] {
  const out: Candidate[] = [];
  GROUP_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GROUP_RUN.exec(text)) !== null) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    // A card never glues onto a word or a decimal ("SKU4111...", "1.4111...", "x-4111...").
    const before = text.charAt(runStart - 1);
    if (/[\p{L}\p{N}_.,\/]/u.test(before)) continue;
    // Letters right after are tolerated ("4111111111111111exp 12/27"): Luhn + IIN carry the weight.
    const after = text.charAt(runEnd);
    if (/[\p{N}_]/u.test(after)) continue;
    if ((after === '.' || after === ',') && /\d/.test(text.charAt(runEnd + 1))) continue;
    const groups: Group[] = [];
    const re = /\d+/g;
    let g: RegExpExecArray | null;
    while ((g = re.exec(m[0])) !== null) {
      groups.push({ start: runStart + g.index, end: runStart + g.index + g[0].length, digits: g[0] });
    }
    out.push(...cardsInGroups(groups));
  }
  return out;
}

/** Tries group-aligned windows of 13-19 digits, longest first, left to right. */
function cardsInGroups(groups: Group[]): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < groups.length) {
    let found = -1;
    let digits = '';
    // Windows start at group i; at most 19 groups fit in 19 digits, so this is bounded.
    let acc = '';
    const ends: { j: number; d: string }[] = [];
    for (let j = i; j < groups.length && acc.length <= 19; j++) {
      acc += (groups[j] as Group).digits;
      if (acc.length >= 13 && acc.length <= 19) ends.push({ j, d: acc });
    }
    for (let k = ends.length - 1; k >= 0; k--) {
      const e = ends[k] as { j: number; d: string };
      if (isCardNumber(e.d)) {
        found = e.j;
        digits = e.d;
        break;
      }
    }
    if (found >= 0) {
      const start = (groups[i] as Group).start;
      const end = (groups[found] as Group).end;
      out.push({ type: 'card', start, end, placeholder: `[card ••${digits.slice(-4)}]` });
      i = found + 1;
    } else {
      i++;
    }
  }
  return out;
}
