/**
 * "Open now until 20:00" / "Closed, opens Monday at 9:00" on the welcome screen (issue 13, item 4),
 * from the opening hours in settings and this device's clock; nothing when no hours are set.
 * Re-read every 30 s so a kiosk left on the welcome screen turns from open to closed on time.
 */
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/domain';
import { openingStatus, openingWords } from '../../../../shared/opening-hours';
import { useI18n, type Translate } from '../../i18n';
import { useApp } from '../../lib/app-context';

const REFRESH_MS = 30_000;

/** `dates`: the I18n context's locale for times ("en-GB": 20:00; "en-US": 8:00 PM). */
export function openingStatusText(hours: Settings['openingHours'], now: number, t: Translate, locale: 'en' | 'es', dates: string): string | null {
  const s = openingStatus(hours, now);
  if (!s) return null;
  const w = openingWords(s, now, locale, dates);
  if (w.kind === 'open') return t('hours.openUntil', { time: w.time ?? '' });
  const closed = w.kind === 'closed_holiday' ? (w.holiday ? t('hours.closedTodayFor', { holiday: w.holiday }) : t('hours.closedToday')) : t('hours.closed');
  if (!w.time || !w.day || s.kind !== 'closed' || s.opensAt === null) return closed;
  // "today" / "tomorrow" read without an article in Spanish; a weekday with one ("el lunes").
  const soon = Math.round((new Date(s.opensAt).setHours(0, 0, 0, 0) - new Date(now).setHours(0, 0, 0, 0)) / 86_400_000) <= 1;
  return t(soon ? 'hours.opensSoon' : 'hours.opensOnDay', { closed, day: w.day, time: w.time });
}

export function useNow(intervalMs = REFRESH_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function OpeningStatusLine() {
  const { t, locale, dates } = useI18n();
  const hours = useApp().settings.openingHours;
  const now = useNow();
  const text = openingStatusText(hours, now, t, locale, dates);
  if (!text) return null;
  return (
    <p className="opening-status" data-testid="opening-status" data-open={openingStatus(hours, now)?.kind === 'open' ? 'true' : 'false'}>
      {text}
    </p>
  );
}
