/**
 * Opening hours as data (issue 13, item 4): the shop's weekly hours and holiday closures, and what
 * they mean at a given moment ("Open now until 20:00", "Closed, opens Monday at 9:00"). Pure: the
 * clock is passed in, and times are the device's local time (the Date constructor's own calendar
 * arithmetic, so a day with a DST change still opens at 9:00 on the wall clock).
 *
 * Used by the backend (the bot's hours answer, the "after closing" wipe) and by the renderer (the
 * welcome screen's status line, with the page's clock). Imports nothing at run time.
 */
import { clockIn } from './date-locale';
import type { Locale } from './domain';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00"-"20:00". A close at or before the open runs past midnight ("22:00"-"02:00"); "24:00" is midnight. */
export interface OpenInterval {
  open: string;
  close: string;
}

export interface HolidayClosure {
  /** Local calendar date "YYYY-MM-DD": closed all day (an overnight interval from the day before still ends as set). */
  date: string;
  label?: string;
}

export interface OpeningHours {
  weekly: Record<Weekday, OpenInterval[]>;
  holidays: HolidayClosure[];
}

export const EMPTY_OPENING_HOURS: OpeningHours = {
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
};

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CLOSE_HHMM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MAX_INTERVALS_PER_DAY = 4;
export const MAX_HOLIDAYS = 60;

/** What the hours say at one moment; null when no hours are set (nothing is said then). */
export type OpeningStatus =
  | { kind: 'open'; closesAt: number }
  | {
      kind: 'closed';
      /** Today is a holiday closure (its label, if any). */
      holiday: { label: string | null } | null;
      /** The next opening within two weeks, or null (closed for longer, or no day has hours). */
      opensAt: number | null;
    };

/** One concrete opening: epoch ms, start inclusive, end exclusive. */
interface Span {
  start: number;
  end: number;
}

const LOOKAHEAD_DAYS = 15;

function hm(t: string): { h: number; m: number } {
  const [h, m] = t.split(':').map(Number);
  return { h: h ?? 0, m: m ?? 0 };
}

/** Local midnight of the calendar day `offset` days from the day of `ms`. */
function dayStart(ms: number, offset: number): Date {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset, 0, 0, 0, 0);
}

function at(day: Date, time: string, plusDays = 0): number {
  const { h, m } = hm(time);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + plusDays, h, m, 0, 0).getTime();
}

export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function weekdayOf(d: Date): Weekday {
  // getDay(): 0 = Sunday.
  return WEEKDAYS[(d.getDay() + 6) % 7] as Weekday;
}

export function hasOpeningHours(h: OpeningHours | null | undefined): h is OpeningHours {
  return !!h && WEEKDAYS.some((d) => (h.weekly[d] ?? []).length > 0);
}

function holidayOn(h: OpeningHours, day: Date): HolidayClosure | null {
  const iso = isoDate(day);
  return h.holidays.find((x) => x.date === iso) ?? null;
}

/**
 * The openings from yesterday (an overnight interval may still run) to two weeks ahead, sorted and
 * merged where one ends as the next starts (22:00-24:00 then 00:00-02:00 is one opening).
 */
function spans(h: OpeningHours, now: number, fromOffset = -1, days = LOOKAHEAD_DAYS): Span[] {
  const out: Span[] = [];
  for (let i = fromOffset; i < fromOffset + days; i++) {
    const day = dayStart(now, i);
    if (holidayOn(h, day)) continue;
    for (const iv of h.weekly[weekdayOf(day)] ?? []) {
      const start = at(day, iv.open);
      const closeSameDay = iv.close !== '24:00' && iv.close > iv.open;
      const end = iv.close === '24:00' ? at(day, '00:00', 1) : closeSameDay ? at(day, iv.close) : at(day, iv.close, 1);
      if (end > start) out.push({ start, end });
    }
  }
  out.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

export function openingStatus(h: OpeningHours | null | undefined, now: number): OpeningStatus | null {
  if (!hasOpeningHours(h)) return null;
  const list = spans(h, now);
  const current = list.find((s) => s.start <= now && now < s.end);
  if (current) return { kind: 'open', closesAt: current.end };
  const next = list.find((s) => s.start > now);
  const holiday = holidayOn(h, dayStart(now, 0));
  return { kind: 'closed', holiday: holiday ? { label: holiday.label?.trim() || null } : null, opensAt: next ? next.start : null };
}

/**
 * The "after closing" wipe times: for each calendar day that opens, the end of its last opening
 * (an overnight one ends the next morning) plus `marginMs`; for a day that does not open (no hours,
 * or a holiday), `closedDayAt` local time, to be run only when there is data to wipe.
 */
export interface ClosingWipe {
  at: number;
  /** A closed day's wipe: skip it when nothing is stored. */
  onlyIfData: boolean;
}

export function closingWipes(h: OpeningHours, around: number, closedDayAt: string, marginMs: number): ClosingWipe[] {
  const list = spans(h, around, -3, 7);
  const out: ClosingWipe[] = [];
  for (let i = -2; i <= 2; i++) {
    const from = dayStart(around, i).getTime();
    const to = dayStart(around, i + 1).getTime();
    // The openings that start on this day; the last of them is the day's closing (past midnight
    // for an overnight one). A day whose only opening is yesterday's running on is a closed day.
    const own = list.filter((s) => s.start >= from && s.start < to);
    if (own.length > 0) out.push({ at: Math.max(...own.map((s) => s.end)) + marginMs, onlyIfData: false });
    else out.push({ at: at(new Date(from), closedDayAt), onlyIfData: true });
  }
  // Two days' closings can coincide only through odd overnight hours: keep each time once.
  return out.sort((a, b) => a.at - b.at).filter((w, i, all) => i === 0 || w.at !== all[i - 1]?.at);
}


const DAY_NAMES: Record<Locale, string[]> = {
  // Indexed by Date.getDay() (0 = Sunday).
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  es: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
};

/**
 * "9:00", "20:00": the hour without a leading zero, as a shop door says it; with `dates` (the Intl
 * locale of shared/date-locale.ts) the way the shop's country writes it: "8:00 PM" in the US.
 */
export function clockText(ms: number, dates?: string): string {
  const d = new Date(ms);
  if (dates) return clockIn(dates, d.getHours(), d.getMinutes());
  return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "today", "tomorrow" or the weekday name of `ms` seen from `now`. */
export function dayWord(ms: number, now: number, lang: Locale): string {
  const diff = Math.round((dayStart(ms, 0).getTime() - dayStart(now, 0).getTime()) / 86_400_000);
  if (diff === 0) return lang === 'es' ? 'hoy' : 'today';
  if (diff === 1) return lang === 'es' ? 'mañana' : 'tomorrow';
  return (DAY_NAMES[lang][new Date(ms).getDay()] as string) ?? '';
}

/** The parts a sentence is made of, so the renderer's catalogues and the bot word it the same way. */
export interface OpeningWords {
  kind: 'open' | 'closed' | 'closed_holiday';
  /** "20:00" (open) or the next opening's "9:00". */
  time: string | null;
  /** The next opening's "today" / "tomorrow" / "Monday" (closed only). */
  day: string | null;
  holiday: string | null;
}

/** `dates`: the Intl locale times are written in (the shop's country's way); without it, "20:00". */
export function openingWords(s: OpeningStatus, now: number, lang: Locale, dates?: string): OpeningWords {
  if (s.kind === 'open') return { kind: 'open', time: clockText(s.closesAt, dates), day: null, holiday: null };
  return {
    kind: s.holiday ? 'closed_holiday' : 'closed',
    time: s.opensAt !== null ? clockText(s.opensAt, dates) : null,
    day: s.opensAt !== null ? dayWord(s.opensAt, now, lang) : null,
    holiday: s.holiday?.label ?? null,
  };
}

/** The status as one sentence, for the bot's hours answer ("Open now until 20:00."); '' when no hours are set. */
export function openingSentence(h: OpeningHours | null | undefined, now: number, lang: Locale = 'en', dates?: string): string {
  const s = openingStatus(h, now);
  if (!s) return '';
  const w = openingWords(s, now, lang, dates);
  const es = lang === 'es';
  if (w.kind === 'open') return es ? `Abierto ahora hasta las ${w.time}.` : `Open now until ${w.time}.`;
  const opens = w.time && w.day ? (es ? `, abre ${w.day === 'hoy' || w.day === 'mañana' ? w.day : `el ${w.day}`} a las ${w.time}` : `, opens ${w.day} at ${w.time}`) : '';
  if (w.kind === 'closed_holiday') {
    const why = w.holiday ? (es ? ` por ${w.holiday}` : ` for ${w.holiday}`) : es ? ' por festivo' : ' for a holiday';
    return es ? `Cerrado hoy${why}${opens}.` : `Closed today${why}${opens}.`;
  }
  return es ? `Cerrado${opens}.` : `Closed${opens}.`;
}
