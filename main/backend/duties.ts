/**
 * The scheduled duties' timer: finish an interrupted wipe, run a due (or missed) end-of-day wipe,
 * purge what retention says is expired; then sleep until the next wipe or an hour.
 *
 * A failure is never dropped. It is logged (codes only), recorded in the store and the audit log
 * (when the store still takes writes), shown in "Your data" and by `hushdesk doctor`, and the duty is
 * retried on a backoff (1, 2, 4 ... minutes, at most an hour); the schedule goes on after it, so one
 * bad evening never silently stops every later wipe.
 */
import type { DutyStatus } from '../../shared/domain';
import type { Logger } from '../logging/log';
import type { StoreGate } from './store-gate';

export const HOUR = 3_600_000;
export const DEFAULT_RETRY_BASE_MS = 60_000;

export interface DutyRun {
  /** When the next scheduled wipe is due (epoch ms), or null when none is set. */
  nextWipeAt: number | null;
}

export interface DutySchedulerDeps {
  /** Runs the duties once (the store must be open; throws on failure). */
  run(): Promise<DutyRun>;
  /** Whether there is an open store to run them on. */
  ready(): boolean;
  gate: StoreGate;
  log: Logger;
  now(): number;
  /** Records the outcome in the store + audit log; may itself throw (a store that is failing). */
  recordSuccess(at: number): void;
  recordFailure(failure: NonNullable<DutyStatus['lastFailure']>): DutyStatus;
  retryBaseMs?: number;
}

export interface DutyScheduler {
  /** Runs now (inside the caller's hold on the gate, e.g. at unlock); failures are handled here too. */
  runNow(): Promise<void>;
  /** Runs as soon as the gate is free (after a settings change). */
  runSoon(): void;
  stop(): void;
}

function codeOf(e: unknown): string {
  const o = e as { error?: { code?: unknown }; code?: unknown } | null;
  const code = typeof o?.error?.code === 'string' ? o.error.code : typeof o?.code === 'string' ? o.code : 'internal';
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(code) ? code : 'internal';
}

export function createDutyScheduler(d: DutySchedulerDeps): DutyScheduler {
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  const base = d.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;

  function arm(ms: number): void {
    if (timer) clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void d.gate.solo(runNow), Math.max(0, Math.min(HOUR, ms)));
    timer.unref();
  }

  async function runNow(): Promise<void> {
    if (stopped || !d.ready()) return;
    try {
      const r = await d.run();
      failures = 0;
      try {
        d.recordSuccess(d.now());
      } catch (e) {
        d.log.error('duty.record_failed', e);
      }
      arm(r.nextWipeAt === null ? HOUR : Math.max(1_000, r.nextWipeAt - d.now()));
    } catch (e) {
      failures++;
      const retryIn = Math.min(HOUR, base * 2 ** Math.min(failures - 1, 10));
      const code = codeOf(e);
      d.log.error('duty.failed', e, { failuresInARow: failures, retryInMs: retryIn });
      try {
        d.recordFailure({ at: d.now(), duty: 'scheduled', code, nextRetryAt: d.now() + retryIn });
      } catch (e2) {
        // The store itself is failing (full disk, read-only): the log above is the trace.
        d.log.error('duty.record_failed', e2);
      }
      arm(retryIn);
    }
  }

  return {
    runNow,
    runSoon: () => void d.gate.solo(runNow),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
