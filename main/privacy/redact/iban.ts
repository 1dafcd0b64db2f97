/**
 * IBANs: country code + 2 check digits + BBAN, validated by the registry length of that country and
 * the ISO 7064 mod-97-10 check. Spaces (or dashes) between characters and lower case are accepted, as people
 * paste them both ways.
 */
import type { Candidate } from './types';

/** IBAN length per country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20,
};

/** ISO 7064 mod-97-10 over a compact IBAN (letters any case); true when the remainder is 1. */
export function mod97Valid(compact: string): boolean {
  if (!/^[A-Za-z]{2}\d{2}[A-Za-z0-9]+$/.test(compact)) return false;
  const s = (compact.slice(4) + compact.slice(0, 4)).toUpperCase();
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Letters count as two digits (A=10 ... Z=35); digits as one. Folding keeps numbers small.
    if (c >= 65) {
      const v = c - 55;
      rem = (rem * 100 + v) % 97;
    } else {
      rem = (rem * 10 + (c - 48)) % 97;
    }
  }
  return rem === 1;
}

/** Full IBAN validation of a string that may contain spaces. */
export function isIban(raw: string): boolean {
  const compact = raw.replace(/[ \u00A0\-]/g, '');
  const len = IBAN_LENGTHS[compact.slice(0, 2).toUpperCase()];
  return len !== undefined && compact.length === len && mod97Valid(compact);
}

const IBAN_START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}/gu;
const ALNUM = /[A-Za-z0-9]/;

export function detectIbans(text: string): Candidate[] {
  const out: Candidate[] = [];
  IBAN_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_START.exec(text)) !== null) {
    const start = m.index;
    const len = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (len === undefined) continue;
    // Consume alphanumerics, allowing one space between them, until the registry length is reached.
    let count = 4;
    let i = start + 4;
    let compact = m[0];
    while (count < len && i < text.length) {
      const c = text.charAt(i);
      if (ALNUM.test(c)) {
        compact += c;
        count++;
        i++;
      } else if ((c === ' ' || c === '\u00A0' || c === '-') && ALNUM.test(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    if (count !== len) continue;
    // The IBAN must end there: no letter or digit glued on.
    if (/[\p{L}\p{N}_]/u.test(text.charAt(i))) continue;
    if (!mod97Valid(compact)) continue;
    out.push({ type: 'iban', start, end: i, placeholder: `[iban ••${compact.slice(-4).toUpperCase()}]` });
    IBAN_START.lastIndex = i;
  }
  return out;
}
