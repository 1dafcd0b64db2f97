/**
 * Dates of birth (issue 12): a date is redacted only when the text says it is one ("DOB",
 * "date of birth", "born on", "birthday", "geboren am", "né le", "fecha de nacimiento"...), within a
 * few words before it. Delivery and purchase dates carry no such cue and survive. Numeric, ISO and
 * written-month forms in English, German, French and Spanish; "born in 1987" masks the year.
 */
import type { Candidate } from './types';

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|' +
  'janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|er|\\.|º)?';
const YEAR = '(?:19|20)\\d{2}';
const SEP = '\\s*[./\\-]\\s*';
const DATE_FORMS = [
  `${DAY.replace('(?:st|nd|rd|th|er|\\.|º)?', '')}${SEP}(?:0?[1-9]|1[0-2])${SEP}(?:${YEAR}|\\d{2})`, // 14/03/1987, 3.5.87
  `(?:0?[1-9]|1[0-2])${SEP}${DAY.replace('(?:st|nd|rd|th|er|\\.|º)?', '')}${SEP}(?:${YEAR}|\\d{2})`, // 03/14/1987 (US)
  `${YEAR}${SEP}(?:0?[1-9]|1[0-2])${SEP}(?:0?[1-9]|[12]\\d|3[01])`, // 1987-03-14
  `${DAY}[\\s\\-/]*(?:of\\s+|de\\s+)?(?:${MONTHS})\\.?,?[\\s\\-/]*(?:de\\s+)?(?:${YEAR})?`, // 14 March 1987, 14th of March, 14. März 1987, 14 de marzo de 1987
  `(?:${MONTHS})\\.?\\s+${DAY},?\\s*(?:${YEAR})?`, // March 14, 1987
];
const DATE = `(?:${DATE_FORMS.join('|')})`;

// Unambiguous cues: any short filler may follow ("date of birth for the account: ...").
const STRONG_CUE = "(?:\\bd\\.?o\\.?b\\.?|\\bdate\\s+of\\s+birth|\\bbirth\\s*date|\\bbirthdate|\\bgeburtsdatum|\\bdate\\s+de\\s+naissance|\\bfecha\\s+de\\s+nacimiento)";
const CUE =
  "(?:\\bd\\.?o\\.?b\\.?|\\bdate\\s+of\\s+birth|\\bbirth\\s*date|\\bbirthdate|\\bdate\\s+de\\s+naissance|\\bfecha\\s+de\\s+nacimiento|\\bgeburtsdatum|\\bgeb\\.|\\bgeboren(?:\\s+am)?|\\bn[ée]e?\\s+le|\\bnacid[oa]\\s+el|\\bborn(?:\\s+on)?|\\bbirthday|\\bb-?day)";
// Cue, then at most three filler words ("is", ":", "was on the"): "birthday gift arriving 12/05" is a delivery.
// Whitespace runs are bounded at every level, so a cue followed by 100 kB of spaces cannot backtrack.
const FILLER = "(?:[ \\t]{0,3}(?:is|was|are|:|-|–|=|on|the|of|es|ist|est|am|le|el|de|war|était|fue|en)(?![\\p{L}])|[ \\t]{1,3}){0,4}[ \\t]{0,3}";
// Sticky ('y'): tried only where a cue word starts (below), never scanned along the whole text.
const DOB = new RegExp(`${CUE}(?:'s)?${FILLER}(?<![\\p{L}\\p{N}])(${DATE})(?![\\p{L}\\p{N}]|[./\\-]\\d)`, 'iuy');
const DOB_STRONG = new RegExp(`${STRONG_CUE}[^\\d\\n]{0,30}?(?<![\\p{L}\\p{N}])(${DATE})(?![\\p{L}\\p{N}]|[./\\-]\\d)`, 'iuy');
const BORN_IN = /\bborn\s+in\s+((?:19|20)\d{2})(?!\d)/iuy;
// Every cue above begins with one of these words, so a match can only start where one does. Found
// in one cheap pass, they are where the patterns are tried: scanned along a whole 100 kB message,
// the patterns cost 50-120 ms even where nothing matched (the \b alternation under 'iu' has no
// fast first-character search); most messages hold no cue word at all and skip them entirely.
const CUE_START = /d\.?o\.?b|date|fecha|birth|geb|n[ée]e?\s|nacid|born|b-?day/giu;

/** Where a cue word starts, in order (overlapping hits included: "birthdate" gives 0 and 5). */
function cueStarts(text: string): number[] {
  const out: number[] = [];
  CUE_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUE_START.exec(text)) !== null) {
    out.push(m.index);
    CUE_START.lastIndex = m.index + 1;
  }
  return out;
}

/** The leftmost-first, non-overlapping matches of sticky `re` that start at one of `starts`. */
function* matchesAt(re: RegExp, text: string, starts: readonly number[]): Generator<RegExpExecArray> {
  let from = 0;
  for (const q of starts) {
    if (q < from) continue;
    re.lastIndex = q;
    const m = re.exec(text);
    if (m === null) continue;
    from = m.index + Math.max(1, m[0].length);
    yield m;
  }
}

export function detectDatesOfBirth(text: string): Candidate[] {
  const out: Candidate[] = [];
  const starts = cueStarts(text);
  if (starts.length === 0) return out;
  for (const re of [DOB, DOB_STRONG]) {
    for (const m of matchesAt(re, text, starts)) {
      const value = (m[1] ?? '').replace(/[\s,]+$/u, '');
      if (value.length === 0) continue;
      const start = m.index + m[0].length - (m[1] ?? '').length;
      // "birthday present for 3 weeks" or "born 14 days early": the date must be a date.
      if (!/\d/.test(value)) continue;
      if (/^\d{1,2}$/.test(value.replace(/\D/g, '')) && !new RegExp(MONTHS, 'iu').test(value)) continue;
      out.push({ type: 'dob', start, end: start + value.length, placeholder: '[date of birth]' });
    }
    }
  for (const m of matchesAt(BORN_IN, text, starts)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    out.push({ type: 'dob', start, end: start + (m[1] ?? '').length, placeholder: '[date of birth]' });
  }
  return out;
}
