/**
 * Text folding before detection (issue 14, item 7): PII typed in another script must not slip past
 * detectors that think in ASCII. Each code point is NFKC-normalised (fullwidth "４１１１" -> "4111",
 * "＠" -> "@", "．" -> "."), decimal digits of any script become ASCII ("٤١١١" -> "4111"), and
 * zero-width / invisible formatting characters are dropped. Detectors run on the folded text; the
 * offset maps turn their spans back into spans of the ORIGINAL text, so the placeholder replaces
 * exactly what was typed (invisible characters inside included).
 */

export interface Folded {
  /** The folded text the detectors see. */
  text: string;
  /** For each UTF-16 unit of `text`: where the original character that produced it starts. */
  origStart: Int32Array | null;
  /** ... and where it ends (exclusive). Null maps mean the text was unchanged (identity). */
  origEnd: Int32Array | null;
}

// Zero-width and invisible format characters people paste (or hide) inside numbers and addresses.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u;
const NEEDS_FOLD = /[^\x00-\x7F]/;
const DIGIT = /\p{Nd}/u;

let zeroOf: Map<number, number> | null = null;

/** Code point of the "0" of the decimal-digit run that holds `cp` (runs of ten, per Unicode). */
function digitValue(cp: number): number {
  if (!zeroOf) {
    // Built once, lazily: every non-ASCII Nd run start. Unicode keeps digits in contiguous runs of 10.
    zeroOf = new Map();
    let runStart = -1;
    for (let c = 0x80; c < 0x20000; c++) {
      if (DIGIT.test(String.fromCodePoint(c))) {
        if (runStart < 0) runStart = c;
        zeroOf.set(c, runStart + Math.floor((c - runStart) / 10) * 10);
      } else {
        runStart = -1;
      }
    }
  }
  const zero = zeroOf.get(cp);
  return zero === undefined ? -1 : cp - zero;
}

export function foldText(input: string): Folded {
  if (!NEEDS_FOLD.test(input)) return { text: input, origStart: null, origEnd: null };
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let changed = false;
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const ch = input.slice(i, i + width);
    let out = ch;
    if (cp >= 0x80) {
      if (INVISIBLE.test(ch)) {
        out = '';
      } else if (DIGIT.test(ch)) {
        const v = digitValue(cp);
        out = v >= 0 ? String(v) : ch;
      } else {
        const n = ch.normalize('NFKC');
        // Keep NFKC only when it stays short (a ligature or fullwidth form), not "㍻" -> "平成"-style expansions of one char into a word.
        out = n.length <= 3 ? n : ch;
      }
      if (out !== ch) changed = true;
    }
    for (let k = 0; k < out.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    parts.push(out);
    i += width;
  }
  if (!changed) return { text: input, origStart: null, origEnd: null };
  return { text: parts.join(''), origStart: Int32Array.from(starts), origEnd: Int32Array.from(ends) };
}

/** The original span [start, end) of folded span [fs, fe). */
export function unfoldSpan(f: Folded, fs: number, fe: number): { start: number; end: number } {
  if (!f.origStart || !f.origEnd) return { start: fs, end: fe };
  const start = f.origStart[fs] ?? 0;
  const end = f.origEnd[fe - 1] ?? start;
  return { start, end };
}
