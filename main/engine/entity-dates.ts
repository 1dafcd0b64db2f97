/**
 * Dates and times in the message's language, as ISO values: a day is "YYYY-MM-DD", a time "HH:MM".
 * Relative words ("mañana", "next friday", "el 3 de marzo" without a year) are read from the
 * reference day the caller passes in (the shop's local calendar day); this module never reads the
 * clock, so the same message and day always give the same value. Without a reference day they keep
 * their words, as do periods ("next week", "la semana que viene") and habits ("los domingos").
 *
 * One regular expression per language, built once: an alternation of named parts tried left to
 * right at each position, so "a las 10 de la mañana" is a time before "mañana" can be tomorrow.
 * A third language adds its words to WORDS; without them it reads the English words and the
 * numeric forms.
 */
import { dateLocale, monthFirst } from '../../shared/date-locale';

export interface DateContext {
  /** The reference calendar day, "YYYY-MM-DD" (absent or malformed: relative words keep their words). */
  today?: string;
  /** The shop's region: "3/4" is month/day where the language is written so there (en-US, en-PH; no region: en alone). */
  region?: string;
}

/** What a match means: a day, a time, words kept as typed, or a span claimed with no entity. */
export type DateReading = { day: string } | { time: string } | { words: true } | { none: true } | null;

interface Words {
  months: string[][];
  weekdays: string[][];
  /** Regex parts in priority order (the shared ones are added around them). */
  parts: [string, string][];
}

// Each month / weekday: its spellings, longest first (index = month - 1 / weekday with 0 = Monday).
const EN: Words = {
  months: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'], ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
  weekdays: [['monday', 'mon'], ['tuesday', 'tues', 'tue'], ['wednesday', 'wed'], ['thursday', 'thurs', 'thur', 'thu'], ['friday', 'fri'], ['saturday', 'sat'], ['sunday', 'sun']],
  parts: [
    ['rel_p2', 'the\\s+day\\s+after\\s+tomorrow|day\\s+after\\s+tomorrow'],
    ['rel_m2', '(?:the\\s+)?day\\s+before\\s+yesterday'],
    ['ap', '(?<ap_h>\\d{1,2})(?::(?<ap_m>\\d{2}))?\\s?(?<ap_x>[ap])\\.?m\\.?'],
    ['dm', '(?<dm_d>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<dm_m>MONTH)\\.?(?:,?\\s+(?<dm_y>\\d{4}))?'],
    ['md', '(?<md_m>MONTH)\\.?\\s+(?<md_d>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<md_y>\\d{4}))?'],
    ['rel_0', 'today|tonight|this\\s+(?:morning|afternoon|evening)'],
    ['rel_p1', 'tomorrow'],
    ['rel_m1', 'yesterday'],
    ['noon', 'noon|midday'],
    ['midnight', 'midnight'],
    ['period', '(?:this|next|last)\\s+(?:week|weekend|month)'],
    ['habit', '(?<habit_w>WEEKDAY)s'],
    ['wd', '(?:(?<wd_pre>this|next|last|coming)\\s+)?(?<wd_w>WEEKDAY)'],
  ],
};

const ES: Words = {
  months: [['enero', 'ene'], ['febrero', 'feb'], ['marzo'], ['abril', 'abr'], ['mayo'], ['junio'], ['julio'], ['agosto', 'ago'], ['septiembre', 'setiembre', 'sept', 'sep'], ['octubre', 'oct'], ['noviembre', 'nov'], ['diciembre', 'dic']],
  weekdays: [['lunes'], ['martes'], ['miércoles'], ['jueves'], ['viernes'], ['sábado'], ['domingo']],
  parts: [
    ['tp', '(?:a\\s+las?\\s+)?(?<tp_h>\\d{1,2})(?:[:.](?<tp_m>\\d{2}))?\\s*(?:h(?:oras)?\\s+)?de\\s+la\\s+(?<tp_p>mañana|tarde|noche|madrugada)'],
    ['dm', '(?:día\\s+)?(?<dm_d>\\d{1,2})(?:º|°|\\.º)?\\s*(?:de\\s+)?(?<dm_m>MONTH)\\.?(?:\\s+(?:de(?:l)?\\s+)?(?<dm_y>\\d{4}))?'],
    ['rel_p2', 'pasado\\s+mañana'],
    ['rel_m2', 'anteayer|antes\\s+de\\s+ayer'],
    ['rel_0', 'hoy|esta\\s+(?:mañana|tarde|noche)'],
    // "por la mañana", "de la mañana": the morning, not tomorrow (claimed so "mañana" is not read in it).
    ['morning', 'la\\s+mañana'],
    ['rel_p1', 'mañana'],
    ['rel_m1', 'ayer'],
    // After "a las" a dot is the time's ("a las 10.30"), as Spanish often writes it.
    ['at', 'a\\s+las?\\s+(?<at_h>\\d{1,2})(?:[:.](?<at_m>\\d{2}))?(?:\\s*h(?:oras)?)?'],
    ['noon', 'mediodía'],
    ['midnight', 'medianoche'],
    ['period', '(?:(?:la\\s+)?(?:próxima|pasada)\\s+semana|semana\\s+(?:que\\s+viene|pasada)|(?:este|el\\s+próximo)\\s+fin\\s+de\\s+semana|fin\\s+de\\s+semana|esta\\s+semana|este\\s+mes|mes\\s+(?:que\\s+viene|pasado)|próximo\\s+mes)'],
    ['habit', 'los\\s+(?<habit_w>WEEKDAY)s?|(?<habit_p>sábados|domingos)'],
    ['wd', '(?:(?<wd_pre>próximo|este)\\s+)?(?<wd_w>WEEKDAY)(?:\\s+(?<wd_post>que\\s+viene|pasado|próximo))?'],
  ],
};

const WORDS: Record<string, Words> = { en: EN, es: ES };

// Shared by every language, around its own parts: ISO first, the numeric forms and 24-hour times last.
const ISO_PART: [string, string] = ['iso', '(?<iso_y>\\d{4})-(?<iso_m>\\d{2})-(?<iso_d>\\d{2})'];
const TAIL_PARTS: [string, string][] = [
  // "3/4", "3/4/2027", "3-4-27", "3.4.2027": a dash or a dot only with the year ("3-4 days", "2.1").
  ['nu', '(?<nu_a>\\d{1,2})/(?<nu_b>\\d{1,2})(?:/(?<nu_y>\\d{4}|\\d{2}))?|(?<nx_a>\\d{1,2})(?<nx_s>[.-])(?<nx_b>\\d{1,2})\\k<nx_s>(?<nx_y>\\d{4}|\\d{2})'],
  ['hm', '(?<hm_h>\\d{1,2}):(?<hm_m>\\d{2})(?:\\s*h)?'],
  ['hh', '(?<hh_h>\\d{1,2})\\s*h'],
];

/** A word's letters, accents optional and either composed or decomposed ("miércoles", "miercoles", "mie\u0301rcoles"). */
function fold(src: string): string {
  // NFD is the letter and its combining mark ("a" U+0301, "n" U+0303); the "?" makes the mark optional.
  return src.replace(/[áéíóúñ]/g, (c) => `(?:${c}|${c.normalize('NFD')}?)`);
}

const cache = new Map<string, RegExp>();

/** The language's date regex (global, case-insensitive, Unicode), built once. */
export function dateRegex(locale: string): RegExp {
  const key = WORDS[locale] ? locale : 'en';
  let re = cache.get(key);
  if (!re) {
    const w = WORDS[key] as Words;
    const alt = (lists: string[][]): string => lists.flat().sort((a, b) => b.length - a.length).join('|');
    const parts = [ISO_PART, ...w.parts, ...TAIL_PARTS].map(([name, src]) => `(?<${name}>${src.replace(/MONTH/g, alt(w.months)).replace(/WEEKDAY/g, alt(w.weekdays))})`);
    re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${fold(parts.join('|'))})(?![\\p{L}\\p{N}_])`, 'giu');
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

const DAY_MS = 86_400_000;

function utc(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The UTC midnight of a real calendar day, or null ("31/2" is none). */
function dayOf(y: number, mo: number, d: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
}

const isoOf = (t: number): string => new Date(t).toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');

function time(h: number, m: number): DateReading {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 ? { time: `${pad(h)}:${pad(m)}` } : null;
}

/** Index of a spelling in a month / weekday table (accents and case folded). */
function indexIn(lists: string[][], word: string): number {
  const plain = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const w = plain(word);
  return lists.findIndex((l) => l.some((x) => plain(x) === w));
}

/**
 * A day and month without a year: the year that puts it nearest the reference day (two weeks ago
 * rather than next year; three months ahead rather than nine behind).
 */
function nearestYear(mo: number, d: number, today: number | null): DateReading {
  if (today === null) return { words: true };
  const y = new Date(today).getUTCFullYear();
  const options = [y - 1, y, y + 1].map((yy) => dayOf(yy, mo, d)).filter((t): t is number => t !== null);
  if (options.length === 0) return null;
  const best = options.reduce((a, b) => (Math.abs(b - today) < Math.abs(a - today) ? b : a));
  return { day: isoOf(best) };
}

function withYear(y: string | undefined, mo: number, d: number, today: number | null): DateReading {
  if (y === undefined) return nearestYear(mo, d, today);
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const t = dayOf(year, mo, d);
  return t === null ? null : { day: isoOf(t) };
}

/** How a match of dateRegex(locale) reads; null: not a date after all (the span is left to numbers). */
export function readDate(m: RegExpExecArray, locale: string, ctx: DateContext): DateReading {
  const g = m.groups ?? {};
  const w = WORDS[locale] ?? EN;
  const today = ctx.today ? utc(ctx.today) : null;
  const rel = (days: number): DateReading => (today === null ? { words: true } : { day: isoOf(today + days * DAY_MS) });
  const n = (k: string): number => Number(g[k]);
  if (g.iso !== undefined) return withYear(g.iso_y, n('iso_m'), n('iso_d'), today);
  if (g.rel_p2 !== undefined) return rel(2);
  if (g.rel_m2 !== undefined) return rel(-2);
  if (g.rel_0 !== undefined) return rel(0);
  if (g.rel_p1 !== undefined) return rel(1);
  if (g.rel_m1 !== undefined) return rel(-1);
  if (g.morning !== undefined) return { none: true };
  if (g.period !== undefined || g.habit !== undefined) return { words: true };
  if (g.noon !== undefined) return time(12, 0);
  if (g.midnight !== undefined) return time(0, 0);
  if (g.ap !== undefined) {
    const h = n('ap_h');
    if (h < 1 || h > 12) return null;
    return time((h % 12) + ((g.ap_x as string).toLowerCase() === 'p' ? 12 : 0), g.ap_m ? n('ap_m') : 0);
  }
  if (g.tp !== undefined) {
    const h = n('tp_h');
    const period = (g.tp_p as string).toLowerCase();
    const afternoon = period === 'tarde' || period === 'noche';
    // "las 12 de la noche" is midnight; "las 10 de la noche" 22:00; "las 5 de la tarde" 17:00.
    const hour = afternoon ? (h === 12 && period === 'noche' ? 0 : h < 12 ? h + 12 : h) : h;
    return time(hour, g.tp_m ? n('tp_m') : 0);
  }
  if (g.at !== undefined) return time(n('at_h'), g.at_m ? n('at_m') : 0);
  if (g.hm !== undefined) return time(n('hm_h'), n('hm_m'));
  if (g.hh !== undefined) return time(n('hh_h'), 0);
  if (g.dm !== undefined) return withYear(g.dm_y, indexIn(w.months, g.dm_m as string) + 1, n('dm_d'), today);
  if (g.md !== undefined) return withYear(g.md_y, indexIn(w.months, g.md_m as string) + 1, n('md_d'), today);
  if (g.nu !== undefined) {
    const [a, b, y] = g.nu_a !== undefined ? [n('nu_a'), n('nu_b'), g.nu_y] : [n('nx_a'), n('nx_b'), g.nx_y];
    return monthFirst(dateLocale(locale, ctx.region)) ? withYear(y, a, b, today) : withYear(y, b, a, today);
  }
  if (g.wd !== undefined) {
    const target = indexIn(w.weekdays, g.wd_w as string);
    if (target < 0) return null;
    if (today === null) return { words: true };
    const modifier = ((g.wd_pre ?? g.wd_post ?? '') as string).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ');
    // Monday = 0 (getUTCDay: Sunday = 0).
    const now = (new Date(today).getUTCDay() + 6) % 7;
    const ahead = (target - now + 7) % 7;
    if (modifier === 'last' || modifier === 'pasado') return rel(-((now - target + 7) % 7 || 7));
    if (modifier === 'next' || modifier === 'proximo' || modifier === 'que viene' || modifier === 'coming') return rel(ahead || 7);
    return rel(ahead);
  }
  return null;
}
