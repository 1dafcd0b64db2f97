/**
 * Retention: how long a conversation is kept (N hours, N days, until the end-of-day wipe, or not at
 * all), purging what expired, the end-of-day wipe schedule (local time "HH:MM", caught up at the
 * next start if the app was not running), and the policy in words for the bot and consent prompt.
 * The wipe runs at a set time every day, or "after closing": at each opening day's closing time
 * from the shop's opening hours plus a margin, and on a closed day at the set time (or 23:30) only
 * when something is stored.
 */
import { clockTextIn } from '../../shared/date-locale';
import type { Locale, RetentionPolicy, WipeCounts } from '../../shared/domain';
import { closingWipes, hasOpeningHours, type OpeningHours } from '../../shared/opening-hours';
import { getMeta, setMeta, transaction, type Db } from '../store';
import { conversationExpiries, countExpired, deleteExpired, setConversationExpiry } from '../store/queries/retention';
import { appendAudit } from './audit';
import { lastWipe } from './wipe';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface Expiry {
  /** False: the policy keeps nothing (the conversation stays in memory only). */
  keep: boolean;
  /** When purgeExpired removes it; null = kept until deleted. */
  expiresAt: number | null;
}

function parseHhMm(at: string): { h: number; m: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  return m ? { h: Number(m[1]), m: Number(m[2]) } : null;
}

/** The local time `at` on the calendar day of `ms`, shifted by `dayOffset` days (DST-safe). */
function occurrenceOn(ms: number, hm: { h: number; m: number }, dayOffset = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset, hm.h, hm.m, 0, 0).getTime();
}

/** Next local midnight strictly after `ms`. */
export function nextLocalMidnight(ms: number): number {
  return occurrenceOn(ms, { h: 0, m: 0 }, 1);
}

/** The end-of-day wipe's schedule: a local time "HH:MM" every day, "after closing", or none (null). */
export type WipeSchedule = string | null | AfterClosing;

export interface AfterClosing {
  kind: 'after_closing';
  hours: OpeningHours;
  /** When a day that does not open is wiped (only if data exists). */
  closedDayAt: string;
}

/** After the closing time, so a customer served at the last minute is not wiped mid-sentence. */
export const CLOSING_MARGIN_MS = 15 * 60_000;
const CLOSED_DAY_DEFAULT = '23:30';

/** The schedule the settings ask for: "after closing" needs opening hours, else the set time stands. */
export function wipeScheduleOf(s: { endOfDayWipeAt: string | null; openingHours?: OpeningHours; wipeAfterClosing?: boolean }): WipeSchedule {
  if (s.wipeAfterClosing && hasOpeningHours(s.openingHours)) return { kind: 'after_closing', hours: s.openingHours, closedDayAt: s.endOfDayWipeAt ?? CLOSED_DAY_DEFAULT };
  return s.endOfDayWipeAt;
}

/** The schedule's time for words and the CLI: "22:00", "after closing", or null. */
export function wipeScheduleLabel(w: WipeSchedule): string | null {
  return w !== null && typeof w === 'object' ? 'after closing' : w;
}

interface Occurrences {
  prev: number;
  next: number;
  /** The latest occurrence is a closed day's: it runs only when something is stored. */
  prevOnlyIfData: boolean;
}

/** The latest scheduled occurrence at or before `now`, and the first after it. */
function occurrences(at: WipeSchedule, now: number): Occurrences | null {
  if (at === null) return null;
  if (typeof at === 'object') {
    // closingWipes covers two days either side of `now`: there is always one before and one after.
    const list = closingWipes(at.hours, now, at.closedDayAt, CLOSING_MARGIN_MS);
    const prev = [...list].reverse().find((w) => w.at <= now);
    const next = list.find((w) => w.at > now);
    if (!prev || !next) return null;
    return { prev: prev.at, next: next.at, prevOnlyIfData: prev.onlyIfData };
  }
  const hm = parseHhMm(at);
  if (!hm) return null;
  const today = occurrenceOn(now, hm);
  return today <= now ? { prev: today, next: occurrenceOn(now, hm, 1), prevOnlyIfData: false } : { prev: occurrenceOn(now, hm, -1), next: today, prevOnlyIfData: false };
}

/**
 * The scheduled wipe that is due now (it passed since the baseline without a wipe), or null.
 * `onlyIfData`: a closed day's wipe under "after closing", skipped when nothing is stored.
 */
export function dueScheduledWipe(schedule: WipeSchedule, now: number, db: Db): { at: number; onlyIfData: boolean } | null {
  const o = occurrences(schedule, now);
  if (!o) return null;
  const baseline = scheduleBaseline(db, now);
  return baseline < o.prev ? { at: o.prev, onlyIfData: o.prevOnlyIfData } : null;
}

/**
 * When the next end-of-day wipe is due. If one was missed (the baseline is before the latest
 * occurrence) that past occurrence is returned: it is due now. The baseline is `lastWipeAt`, or,
 * with `db`, the later of it and `scheduleBaseline(db)` (which also covers a store that never
 * wiped); a null baseline without `db` means "none missed". Null when no wipe is scheduled.
 */
export function nextScheduledWipe(endOfDayWipeAt: WipeSchedule, lastWipeAt: number | null, now: number, db?: Db): number | null {
  if (endOfDayWipeAt === null) return null;
  const o = occurrences(endOfDayWipeAt, now);
  if (!o) return null;
  const baseline = db ? Math.max(lastWipeAt ?? 0, scheduleBaseline(db, now)) : lastWipeAt;
  if (baseline !== null && baseline < o.prev) return o.prev;
  return o.next;
}

/** True when a scheduled wipe time passed since the baseline without a wipe (app closed then). */
export function isScheduledWipeOverdue(endOfDayWipeAt: WipeSchedule, lastWipeAt: number | null, now: number, db?: Db): boolean {
  const next = nextScheduledWipe(endOfDayWipeAt, lastWipeAt, now, db);
  return next !== null && next <= now;
}

const SCHEDULE_SINCE = 'wipe.schedule_since';

/**
 * The baseline for "was a scheduled wipe missed": the later of the last end-of-day wipe and the
 * time the schedule was first checked or last changed (recorded in meta), so neither a store that
 * never wiped nor a newly set time is wiped by surprise for an occurrence before the schedule.
 */
export function scheduleBaseline(db: Db, now: number): number {
  let since = Number(getMeta(db, SCHEDULE_SINCE) ?? NaN);
  if (!Number.isFinite(since)) {
    since = now;
    setMeta(db, SCHEDULE_SINCE, String(now));
  }
  const last = lastWipe(db);
  return Math.max(since, last && typeof last.at === 'number' ? last.at : 0);
}

/** Call when the wipe time changes (settings onChange), so the new time is not "missed" retroactively. */
export function resetScheduleBaseline(db: Db, now: number): void {
  setMeta(db, SCHEDULE_SINCE, String(now));
}

/** Expiry of a conversation started at `startedAt` under `policy`. */
export function expiryFor(policy: RetentionPolicy, startedAt: number, endOfDayWipeAt: WipeSchedule): Expiry {
  switch (policy.kind) {
    case 'hours':
      return { keep: true, expiresAt: startedAt + policy.hours * HOUR };
    case 'days':
      return { keep: true, expiresAt: startedAt + policy.days * DAY };
    case 'end_of_day': {
      const o = endOfDayWipeAt !== null ? occurrences(endOfDayWipeAt, startedAt) : null;
      return { keep: true, expiresAt: o ? o.next : nextLocalMidnight(startedAt) };
    }
    case 'none':
      return { keep: false, expiresAt: null };
  }
}

/** The expiry alone (null: kept until deleted, or not kept at all — see expiryFor). */
export function retentionExpiry(policy: RetentionPolicy, startedAt: number, endOfDayWipeAt: WipeSchedule): number | null {
  return expiryFor(policy, startedAt, endOfDayWipeAt).expiresAt;
}

/**
 * Brings stored conversations under a stricter policy: an expiry is only ever moved earlier (a
 * looser policy applies to new conversations). 'none' expires them all now. Returns how many changed.
 */
export function applyPolicyToExisting(db: Db, policy: RetentionPolicy, endOfDayWipeAt: WipeSchedule, now: number): number {
  return transaction(db, () => {
    let changed = 0;
    for (const r of conversationExpiries(db)) {
      const e = expiryFor(policy, r.started_at, endOfDayWipeAt);
      const target = e.keep ? e.expiresAt : now;
      if (target === null) continue;
      if (r.expires_at === null || target < r.expires_at) {
        setConversationExpiry(db, r.id, target);
        changed++;
      }
    }
    return changed;
  });
}

/**
 * Deletes every conversation whose expiry passed (messages and search entries by cascade) and the
 * consent records tied to them (the data they covered is gone), with one `retention_purge` audit
 * event when anything went.
 */
export function purgeExpired(db: Db, now: number): WipeCounts {
  const c = transaction(db, () => {
    const row = countExpired(db, now);
    if (row.conversations === 0) return row;
    deleteExpired(db, now);
    appendAudit(db, 'retention_purge', { ...row }, now);
    return row;
  });
  if (c.conversations > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return { ...c };
}


/**
 * "30 days", "the end of the day (22:00)", "not kept": for the bot's privacy answer and consent.
 * `dates`: the Intl locale the wipe time is written in (shared/date-locale.ts); without it, "22:00".
 */
export function retentionText(policy: RetentionPolicy, endOfDayWipeAt: WipeSchedule, locale: Locale = 'en', dates?: string): string {
  const es = locale === 'es';
  switch (policy.kind) {
    case 'hours':
      return es ? `${policy.hours} ${policy.hours === 1 ? 'hora' : 'horas'}` : `${policy.hours} ${policy.hours === 1 ? 'hour' : 'hours'}`;
    case 'days':
      return es ? `${policy.days} ${policy.days === 1 ? 'día' : 'días'}` : `${policy.days} ${policy.days === 1 ? 'day' : 'days'}`;
    case 'end_of_day': {
      const when = endOfDayWipeAt !== null && typeof endOfDayWipeAt === 'object' ? (es ? 'después del cierre' : 'after closing') : endOfDayWipeAt ? (dates ? clockTextIn(dates, endOfDayWipeAt) : endOfDayWipeAt) : es ? 'medianoche' : 'midnight';
      return es ? `el final del día (${when})` : `the end of the day (${when})`;
    }
    case 'none':
      return es ? 'no se guarda' : 'not kept';
  }
}

/** Parses the CLI/settings text form: hours:N | days:N | end_of_day | none. */
export function parseRetention(text: string): RetentionPolicy | null {
  const t = text.trim().toLowerCase();
  if (t === 'end_of_day' || t === 'end-of-day') return { kind: 'end_of_day' };
  if (t === 'none') return { kind: 'none' };
  const m = /^(hours|days):(\d{1,5})$/.exec(t);
  if (!m) return null;
  const n = Number(m[2]);
  if (m[1] === 'hours') return n >= 1 && n <= 24 * 365 ? { kind: 'hours', hours: n } : null;
  return n >= 1 && n <= 3650 ? { kind: 'days', days: n } : null;
}

export function formatRetention(p: RetentionPolicy): string {
  return p.kind === 'hours' ? `hours:${p.hours}` : p.kind === 'days' ? `days:${p.days}` : p.kind;
}
