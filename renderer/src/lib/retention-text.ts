/**
 * How long a saved conversation is kept, worded in the UI language from the structured settings
 * (policy and wipe schedule) rather than the backend's English `retentionText`: "30 days",
 * "30 días", "the end of the day (22:00)", "el final del día (después del cierre)".
 */
import type { PrivacyFacts, Settings } from '../../../shared/domain';
import { hasOpeningHours } from '../../../shared/opening-hours';
import type { Translate } from '../i18n/translate';
import { formatClock } from './format';

export type RetentionSettings = Pick<Settings, 'retention' | 'endOfDayWipeAt' | 'wipeAfterClosing'> & { openingHours?: Settings['openingHours'] };

/** The policy as a span or moment, to fill "Save this conversation for {retention}?" and the badge. */
/** `dates`: the Intl locale dates and times are written in (the I18n context's). */
export function retentionSpan(t: Translate, dates: string, s: RetentionSettings): string {
  const r = s.retention;
  switch (r.kind) {
    case 'hours':
      return t('retention.span.hours', { n: r.hours });
    case 'days':
      return t('retention.span.days', { n: r.days });
    case 'end_of_day':
      return t('retention.span.end_of_day', { when: wipeMoment(t, dates, s) });
    case 'none':
      return t('retention.span.none');
  }
}

/** When the end-of-day wipe runs, as the backend's schedule decides (see main/data/retention.ts wipeScheduleOf). */
export function wipeMoment(t: Translate, dates: string, s: RetentionSettings): string {
  if (s.wipeAfterClosing && hasOpeningHours(s.openingHours)) return t('retention.when.afterClosing');
  return s.endOfDayWipeAt ? formatClock(dates, s.endOfDayWipeAt) : t('retention.when.midnight');
}

/**
 * What happens to a question the bot could not answer, from the inbox's settings: kept how many
 * days (and whether a scheduled end-of-day wipe takes it), or not kept at all.
 */
export function missedKeepingWords(t: Translate, k: PrivacyFacts['missedQuestionKeeping'], wipeScheduled: boolean): string {
  if (!k.enabled) return t('privacy.missedOff');
  const kept = t('privacy.missedKept', { days: k.retentionDays });
  if (!wipeScheduled) return kept;
  return `${kept} ${t(k.keepOnDayWipe ? 'privacy.missedKeptThroughWipe' : 'privacy.missedWiped')}`;
}
