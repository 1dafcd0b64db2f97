/**
 * Data housekeeping the backend runs after every unlock (before the UI opens) and then hourly:
 * finish an interrupted end-of-day wipe, run a scheduled wipe that was missed (or is due), purge
 * expired conversations, apply the audit log's own retention. Before unlock, `recoverWipeAll`
 * (wipe.ts) finishes an interrupted erase-everything.
 */
import type { RetentionPolicy, WipeCounts } from '../../shared/domain';
import type { OpeningHours } from '../../shared/opening-hours';
import { tableCounts, type Store } from '../store';
import { DEFAULT_AUDIT_RETENTION_MS, purgeAudit } from './audit';
import { dueScheduledWipe, nextScheduledWipe, purgeExpired, resetScheduleBaseline, wipeScheduleOf } from './retention';
import { resumeEndOfDayWipe, wipeEndOfDay } from './wipe';

export interface DataTaskSettings {
  endOfDayWipeAt: string | null;
  retention: RetentionPolicy;
  /** With wipeAfterClosing: the wipe follows the closing time (retention.ts wipeScheduleOf). */
  openingHours?: OpeningHours;
  wipeAfterClosing?: boolean;
}

export interface DataTaskReport {
  /** An end-of-day wipe interrupted by a crash was finished (VACUUM + new key). */
  resumedWipe: boolean;
  /** A scheduled end-of-day wipe ran now (it was due or missed): what it deleted. */
  scheduledWipe: WipeCounts | null;
  /** A closed day's "after closing" wipe came due with nothing stored: not run, the schedule moved on. */
  skippedEmptyWipe: boolean;
  /** Expired conversations purged by the retention policy. */
  purged: WipeCounts;
  /** Audit entries past the audit retention. */
  auditPurged: number;
  /** When the next scheduled wipe is due (epoch ms) — set a timer for it; null when none. */
  nextWipeAt: number | null;
}

export async function runDataTasks(
  store: Store,
  o: { settings: DataTaskSettings; now: number; auditRetentionMs?: number },
): Promise<DataTaskReport> {
  const resumedWipe = await resumeEndOfDayWipe(store);
  let scheduledWipe: WipeCounts | null = null;
  let skippedEmptyWipe = false;
  const schedule = wipeScheduleOf(o.settings);
  const due = dueScheduledWipe(schedule, o.now, store.db);
  if (due && due.onlyIfData && tableCounts(store.db).conversations === 0) {
    // A day the shop did not open, and nobody used the kiosk: no wipe (no new key, no VACUUM);
    // the baseline moves on so this occurrence is not due again.
    resetScheduleBaseline(store.db, o.now);
    skippedEmptyWipe = true;
  } else if (due) {
    scheduledWipe = await wipeEndOfDay(store, o.now, { trigger: 'scheduled', dueAt: due.at });
  }
  // Read the connection only now: a wipe above rotated the key and swapped in a new connection.
  const { db } = store;
  const purged = purgeExpired(db, o.now);
  const auditPurged = purgeAudit(db, o.now, o.auditRetentionMs ?? DEFAULT_AUDIT_RETENTION_MS);
  const nextWipeAt = nextScheduledWipe(schedule, null, o.now, db);
  return { resumedWipe, scheduledWipe, skippedEmptyWipe, purged, auditPurged, nextWipeAt };
}
