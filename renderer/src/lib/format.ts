/**
 * Display helpers shared by the pages: every date, time, number and size on screen goes through Intl
 * with the UI locale here (exports and the backend keep ISO forms). Dates and times take the
 * I18n context's `dates` locale (the language in the shop's country, "en-GB"), numbers the language.
 */
import { clockTextIn } from '../../../shared/date-locale';
import type { Locale, RetentionPolicy } from '../../../shared/domain';
import type { Translate } from '../i18n/translate';

// One formatter per locale and style (building one costs far more than using it: a list of 200
// conversations formats 400 dates).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cachedFormat<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: 'date' | 'number', tag: string, options: object, make: () => T): T {
  const key = `${kind}|${tag}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

const dateFormat = (dates: string, options: Intl.DateTimeFormatOptions) => cachedFormat('date', dates, options, () => new Intl.DateTimeFormat(dates, options));
const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions) => cachedFormat('number', locale, options, () => new Intl.NumberFormat(locale, options));

export function formatDateTime(dates: string, at: number): string {
  return dateFormat(dates, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

export function formatNumber(locale: Locale, n: number, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(n);
}

/** "512 B", "1.5 KB" / "1,5 KB" (the unit symbols are the same in every language). */
export function formatBytes(bytes: number, locale: Locale = 'en'): string {
  if (bytes < 1024) return `${formatNumber(locale, bytes)} B`;
  const oneDecimal = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  if (bytes < 1024 * 1024) return `${formatNumber(locale, bytes / 1024, oneDecimal)} KB`;
  return `${formatNumber(locale, bytes / 1024 / 1024, oneDecimal)} MB`;
}

/** A language's name in the reader's language ("inglés", "Spanish"), from Intl; the code if Intl does not know it. */
export function languageName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A calendar day "2026-03-01" (no time, no zone) in the locale's style: "Mar 1, 2026", "1 Mar 2026", "1 mar 2026". */
export function formatDay(dates: string, isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return isoDay;
  return dateFormat(dates, { dateStyle: 'medium' }).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** A wall-clock "HH:MM" setting (no date, no zone) in the locale's own style: "10:00 PM", "22:00". */
export function formatClock(dates: string, hhmm: string): string {
  return clockTextIn(dates, hhmm);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function retentionWords(t: Translate, r: RetentionPolicy): string {
  switch (r.kind) {
    case 'hours':
      return t('retention.hours', { n: r.hours });
    case 'days':
      return t('retention.days', { n: r.days });
    case 'end_of_day':
      return t('retention.end_of_day');
    case 'none':
      return t('retention.none');
  }
}

/**
 * The privacy notice as shown: the shop's own text once it has published one (content: shown as it
 * was written), else the default in the reader's language. Version 0 is the backend's built-in
 * default (main/services/privacy.ts DEFAULT_NOTICE, in English); the catalogues hold its wording.
 */
export function noticeText(t: Translate, notice: { version: number; text: string }): string {
  return notice.version === 0 ? t('privacy.defaultNotice') : notice.text;
}

/** "2025-03-01" from an <input type=date> to epoch ms at local midnight (or end of day). */
export function dateInputToMs(value: string, endOfDay: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (endOfDay) d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** Why a scheduled wipe failed, in words (the backend sends only a code). */
export function dutyReason(t: Translate, code: string): string {
  switch (code) {
    case 'key_file_missing':
    case 'io_error':
    case 'locked':
    case 'corrupt':
      return t(`privacy.dutyReason.${code}`);
    default:
      return t('privacy.dutyReason.other', { code });
  }
}
