/**
 * The outcome of the scheduled duties (end-of-day wipe, retention purge), kept in the encrypted
 * store so "Your data" and `hushdesk doctor` (another process) can say "the last scheduled wipe
 * failed at 18:00: the disk is full". Codes and times only, never content.
 */
import type { DutyStatus } from '../../shared/domain';
import { getMeta, setMeta, type Db } from '../store';

const META_DUTY = 'duty.status';

export function readDutyStatus(db: Db): DutyStatus {
  const raw = getMeta(db, META_DUTY);
  if (!raw) return { lastRunAt: null, lastFailure: null, failuresInARow: 0 };
  try {
    const v = JSON.parse(raw) as Partial<DutyStatus>;
    return { lastRunAt: v.lastRunAt ?? null, lastFailure: v.lastFailure ?? null, failuresInARow: v.failuresInARow ?? 0 };
  } catch {
    return { lastRunAt: null, lastFailure: null, failuresInARow: 0 };
  }
}

export function recordDutySuccess(db: Db, at: number): void {
  const s = readDutyStatus(db);
  setMeta(db, META_DUTY, JSON.stringify({ ...s, lastRunAt: at, failuresInARow: 0 } satisfies DutyStatus));
}

export function recordDutyFailure(db: Db, failure: NonNullable<DutyStatus['lastFailure']>): DutyStatus {
  const s = readDutyStatus(db);
  const next: DutyStatus = { ...s, lastFailure: failure, failuresInARow: s.failuresInARow + 1 };
  setMeta(db, META_DUTY, JSON.stringify(next));
  return next;
}
